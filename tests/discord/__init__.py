"""Old home of the Discord tests, kept only as an import path (see `conftest`); not collected."""
