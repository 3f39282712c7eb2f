"""The knowledge base: articles (the source of truth), their versions, and searching them."""
