"""Hypothesis settings shared by the property tests that post to the site."""

import hypothesis
from hypothesis import HealthCheck, Phase

FUZZ = hypothesis.settings(
    max_examples=150,
    deadline=None,
    # No "explain" phase: on this machine it takes minutes once an example fails.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
