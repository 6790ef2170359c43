"""Reports on paper and in files: the phase and period reports (phase.py, phase_xlsx.py,
figures.py), the cross-table (crosstab.py), the evidence pack (evidence_pack.py), and what
event pages and exports print (attendance.py, lists.py; their routes are in the events and
people packages, beside the pages they belong to).

Importing the package puts the reports' rules on the `reports` blueprint (blueprint.py).
"""
from . import crosstab, evidence_pack, phase
from .blueprint import bp

__all__ = ["bp", "crosstab", "evidence_pack", "phase"]
