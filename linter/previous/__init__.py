"""Last year's table beside this year's: matching units, projects and indicators across years.

Below the engine: it reads tables through the readers and hands the year-over-year checks a
``YearPair`` per table (``Table._previous``). Nothing here judges a target.
"""

from .match import Ambiguous, IndicatorPairs, ProjectMatch, YearPair
from .load import attach_previous, read_previous

__all__ = ["Ambiguous", "IndicatorPairs", "ProjectMatch", "YearPair", "attach_previous", "read_previous"]
