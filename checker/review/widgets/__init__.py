"""Widgets of the review app: the findings table and the detail pane."""
