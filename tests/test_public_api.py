from __future__ import annotations

import briefing


def test_all_is_sorted_and_complete() -> None:
    assert briefing.__all__ == sorted(briefing.__all__)
    public = {name for name in dir(briefing) if not name.startswith("_") and name[0].isupper()}
    assert public <= set(briefing.__all__)
    for name in briefing.__all__:
        assert hasattr(briefing, name), name


def test_errors_form_one_tree() -> None:
    for name in ("ConfigError", "InputError", "NoArticlesError", "TemplateError", "RenderError", "OutputError"):
        assert issubclass(getattr(briefing, name), briefing.BriefingError)
    assert issubclass(briefing.ConfigError, ValueError)
    assert briefing.ConfigError("x").exit_code == 2 and briefing.InputError("x").exit_code == 1
