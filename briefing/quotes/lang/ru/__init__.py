"""The Russian language pack: the words the quote engine reads (``grammar.toml``) and the names brought to the
nominative with pymorphy3 (:mod:`briefing.quotes.lang.ru.names`)."""
