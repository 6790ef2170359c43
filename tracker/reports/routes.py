"""The reports blueprint with every report's routes attached (one module per report)."""
from . import (
    bp,
    crosstab,  # noqa: F401  (attaches the cross-table's routes to bp)
    evidence_pack,  # noqa: F401  (attaches the evidence pack's route to bp)
    phase,  # noqa: F401  (attaches the phase report's routes to bp)
)

__all__ = ["bp"]
