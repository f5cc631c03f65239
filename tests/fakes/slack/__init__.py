"""A fake Slack (Web API, response_urls, Socket Mode) served on 127.0.0.1 by the tests."""
