"""Screens of the review app: the main list, help, dialogs and the full article."""
