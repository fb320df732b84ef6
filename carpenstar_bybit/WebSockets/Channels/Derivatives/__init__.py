"""Stream channels, by the PHP namespaces."""
