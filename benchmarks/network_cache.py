"""Where a benchmark keeps a generated network: a folder keyed by what the network is made from.

The key is a sha256 of the generator's source code (jalin/network/generator.py and the modules it
reads its places and names from), the preset's parameters and the seed, so changing the
generator, a preset or the seed never reuses a stale network; the old folders can be deleted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jalin.geo.atlas import Atlas
from jalin.network import generator

CACHE = Path(__file__).resolve().parent / ".cache"
#: Source files whose change changes the generated network.
SOURCES = ["jalin/network/generator.py", "jalin/network/model.py", "jalin/network/writer.py"]
ROOT = Path(__file__).resolve().parent.parent


def cache_key(preset: str, seed: int) -> str:
    h = hashlib.sha256()
    for name in SOURCES:
        path = ROOT / name
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    h.update(repr(generator.PRESETS[preset]).encode() + b"\0" + str(seed).encode())
    return h.hexdigest()[:16]


def network_folder(atlas: Atlas, preset: str, seed: int) -> Path:
    """The generated network (feed folders and agreements.csv), written on first use."""
    folder = CACHE / f"{preset}-{seed}-{cache_key(preset, seed)}"
    if not (folder / "agreements.csv").exists():
        generator.write_network(generator.generate(atlas, preset=preset, seed=seed), folder)
    return folder
