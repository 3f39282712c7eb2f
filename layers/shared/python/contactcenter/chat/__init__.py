"""The self-service chat: the Lex V2 bot's fulfillment function (the QnABot pattern)."""
