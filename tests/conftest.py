"""Shared test settings: the Hypothesis profiles.

Two profiles, chosen with the HYPOTHESIS_PROFILE environment variable (see docs/fuzzing.md):

  ci    (default) a few hundred examples per property, so the whole suite stays fast on a
        laptop or a 2-core CI runner;
  long  LONG_EXAMPLES (>= 100,000) examples per property, no deadline, for a fuzzing run:
            HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py

Neither is derandomised, so every run explores new inputs (`--hypothesis-seed=N` fixes one);
a failure prints the shrunk example and a @reproduce_failure blob, and is replayed first on the
next run from the local example database (.hypothesis/).
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Examples per property in CI: enough to reach every stage (wrapped paragraphs, rule lines,
# control characters, encodings) while the property file runs in well under a minute.
CI_EXAMPLES = 200
# The bar for a fuzzing run.
LONG_EXAMPLES = 100_000

# Korean-heavy documents of a few KB are slower to generate and shrink than Hypothesis
# expects, and a shared CI box makes single examples slow now and then: neither is a bug.
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci",
    max_examples=CI_EXAMPLES,
    deadline=None,
    suppress_health_check=_SLOW_IS_FINE,
    print_blob=True,
)
settings.register_profile(
    "long",
    max_examples=LONG_EXAMPLES,
    deadline=None,
    suppress_health_check=_SLOW_IS_FINE,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
