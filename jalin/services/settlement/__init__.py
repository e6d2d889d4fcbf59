"""Settlement use cases (settlement-v1): recording lines inside the step that earns them
(`recording`), periods, netting and closing (`periods`), lines and statements (`statements`),
adjustments (`adjustments`)."""

from jalin.services.settlement.recording import record_delivery, record_handover

__all__ = ["record_delivery", "record_handover"]
