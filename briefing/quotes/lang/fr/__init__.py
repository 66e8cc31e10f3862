"""The French language pack: the words the quote engine reads (``grammar.toml``)."""
