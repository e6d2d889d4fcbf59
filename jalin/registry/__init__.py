"""The association registry: boards (DPP, DPW, DPD), members, applications, agreements,
meetings and follow-ups, API keys and roles. Domain rules here are pure (no storage, no HTTP)."""
