"""Shared test settings: the Hypothesis profiles.

Two profiles, chosen with the HYPOTHESIS_PROFILE environment variable (see docs/fuzzing.md):

  ci    (default) a few hundred examples per property, so the whole suite stays fast on a
        laptop or a 2-core CI runner;
  long  LONG_EXAMPLES (>= 100,000) examples per property, no deadline, for a fuzzing run:
            HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py

Both are derandomised only when asked (HYPOTHESIS_SEED), so every CI run explores new inputs;
a failure prints the @reproduce_failure blob and the shrunk example to paste into a test.
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
