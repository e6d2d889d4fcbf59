"""What the HTTP adapters share: the API (`jalin.api`) and the pages (`jalin.web`) both use
these roles and dependencies, and neither imports the other's modules."""
