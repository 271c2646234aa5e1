"""Stage 4: a release for one public address (ftz-publish) and a local nginx to serve it (ftz-serve)."""
