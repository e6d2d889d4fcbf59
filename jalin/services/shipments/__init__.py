"""Shipment use cases (shipments-v1): booking, reading, changes, manifests and labels."""
