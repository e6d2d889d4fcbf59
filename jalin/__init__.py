"""Jalin: the open interoperability hub for Indonesia's couriers and the national post."""

__version__ = "0.1.0"
