"""Quality evaluation: plant known errors into real text and measure what the checker finds.

:mod:`checker.evaluate.inject` plants the errors and writes a manifest,
:mod:`checker.evaluate.score` runs the checker and reports recall, precision and
false findings per 10,000 characters of untouched text, per category.
"""
