"""The login in front of the dashboard (AppTest, through the real login form and streamlit-authenticator), the
roles, and production mode's refusal of unsafe account files (the app and `scripts.accounts check`)."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scripts import accounts
from tests.conftest import TEST_ACCOUNTS, run_module
from tests.test_dashboard_app import APP, log_in, page_text, serve

SUBMIT_PAGE = "pages/submit_data.py"


def fresh_app(monkeypatch, db_path) -> AppTest:
    monkeypatch.setenv("GF_DUCKDB_PATH", str(db_path))
    return AppTest.from_file(APP, default_timeout=60).run()


def test_a_wrong_password_gets_in_nowhere(published_progress, monkeypatch):
    app = fresh_app(monkeypatch, published_progress[0])
    assert [element.value for element in app.title] == ["长寿区绿色金融改革创新试验区监测"]
    assert "62.00 亿元" not in page_text(app)  # no figure before logging in
    log_in(app, "zhang_steward", "not-the-password")
    assert "用户名或密码错误" in page_text(app)
    assert "62.00 亿元" not in page_text(app) and not app.get("plotly_chart")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/overview.py")  # no page is registered for someone not logged in
    log_in(app, "no_such_user", TEST_ACCOUNTS["zhang_steward"][2])
    assert "用户名或密码错误" in page_text(app) and "62.00 亿元" not in page_text(app)


def test_a_leader_sees_every_page_but_not_the_submission_page(published_progress, monkeypatch):
    app = serve(monkeypatch, published_progress[0], username="li_leader")
    assert "62.00 亿元" in page_text(app)
    assert "已登录：李四（只读）" in page_text(app)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page(SUBMIT_PAGE)


def test_a_steward_gets_the_submission_page_with_templates_and_history(published_progress, monkeypatch):
    app = serve(monkeypatch, published_progress[0], username="zhang_steward")
    app.switch_page(SUBMIT_PAGE).run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert [element.value for element in app.title] == ["数据报送"]
    labels = [button.label for button in app.get("download_button")]
    assert sum("模板（Excel）" in label for label in labels) == 4 and sum("模板（CSV）" in label for label in labels) == 4
    assert "尚无报送" in page_text(app)
    assert app.selectbox(key="submission_source").options[0].startswith("绿色贷款专项统计")


def test_production_refuses_demo_accounts_and_default_secrets(tmp_path, published_progress, accounts_file,
                                                             monkeypatch):
    demo = tmp_path / "demo.yaml"
    accounts.init_demo(demo)
    weak = tmp_path / "weak.yaml"
    accounts.add_user(weak, "wang", "王", accounts.STEWARD, "a-long-enough-password")
    config = accounts.load_config(weak)
    config["cookie"]["key"] = "short"
    accounts.write_config(config, weak)
    monkeypatch.setenv("GF_ENV", "production")
    for path, reason in ((demo, "demo accounts are present"), (weak, "shorter than 32 bytes"),
                         (tmp_path / "missing.yaml", "no accounts file")):
        monkeypatch.setenv("GF_AUTH_CONFIG", str(path))
        app = fresh_app(monkeypatch, published_progress[0])
        assert "生产模式拒绝启动" in page_text(app) and reason in page_text(app)
        assert not app.text_input  # no login form at all
        check = run_module("scripts.accounts", "check", env={"GF_AUTH_CONFIG": str(path), "GF_ENV": "production"})
        assert check.returncode == 1 and reason in check.stderr
    # The tests' own accounts file has a random 64-character secret and no demo password: it may start.
    check = run_module("scripts.accounts", "check", env={"GF_AUTH_CONFIG": str(accounts_file), "GF_ENV": "production"})
    assert check.returncode == 0, check.stderr
    monkeypatch.setenv("GF_AUTH_CONFIG", str(tmp_path / "missing-too.yaml"))
    assert run_module("scripts.accounts", "ensure", env={"GF_ENV": "production"}).returncode == 1
    assert not (tmp_path / "missing-too.yaml").exists()  # production never writes demo accounts
