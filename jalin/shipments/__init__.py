"""The shipments domain: master numbers, legs from a quote option, state rules, label and
manifest layouts as data. Free of HTTP and storage."""
