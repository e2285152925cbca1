"""Inventory: the files under raw/, one entry per distinct content (sha256), with their format.

Reads no document; the stages after it (extract, parse, load) take its entries.
"""
from .files import InventoryEntry, file_format, sha256_of, take_inventory

__all__ = ["InventoryEntry", "file_format", "sha256_of", "take_inventory"]
