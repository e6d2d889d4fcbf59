"""Network feeds: the contract's model, a strict reader/validator, diffs and the merged network."""
