"""Front end for files: reading lead sheets from .xlsx, .xlsm, .xls and .csv into tables."""
