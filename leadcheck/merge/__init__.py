"""Merging reps' lead sheets into one checked workbook, and finding duplicate customers (撞单)."""
