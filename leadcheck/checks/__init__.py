"""Pure checks over one value or one contact: phones, names, addresses."""
