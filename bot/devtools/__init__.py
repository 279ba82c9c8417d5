"""Development tools shipped with the bot: the sandbox Bot API server, the driver, the demo."""
