"""Reading a Vietnamese report or news article into draft records (see pipeline.py)."""

from phoihop.intake.extract.pipeline import ExtractionContext, extract
from phoihop.intake.extract.spans import Extraction, Span

__all__ = ["Extraction", "ExtractionContext", "Span", "extract"]
