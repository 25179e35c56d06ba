"""The login in front of the dashboard (AppTest, through the real login form and streamlit-authenticator), the
roles, and production mode's refusal of unsafe account files (the app and `scripts.administration.accounts check`)."""
from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import login_security
from scripts.administration import accounts
from scripts.configuration import raw_contract
from tests.conftest import REPO_ROOT, TEST_ACCOUNTS, run_module
from tests.test_dashboard_app import APP, log_in, page_text, serve

SUBMIT_PAGE = "app_pages/submit_data.py"


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
        app.switch_page("app_pages/overview.py")  # no page is registered for someone not logged in
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
    # statistics, the evaluation's institution figures, task progress, regions and institutions
    kinds = len(raw_contract.source_names())
    assert kinds == 8
    assert sum("模板（Excel）" in label for label in labels) == kinds and sum("模板（CSV）" in label for label in labels) == kinds
    assert "尚无报送" in page_text(app)
    options = app.selectbox(key="submission_source").options
    assert options[0] == "自动识别（按各工作表的表头）" and options[1].startswith("绿色贷款专项统计")
    assert [button.label for button in app.button][:2] == ["校验并发布", "仅校验（不发布）"]


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
        check = run_module("scripts.administration.accounts", "check", env={"GF_AUTH_CONFIG": str(path), "GF_ENV": "production"})
        assert check.returncode == 1 and reason in check.stderr
    # The tests' own accounts file has a random 64-character secret and no demo password: it may start.
    check = run_module("scripts.administration.accounts", "check", env={"GF_AUTH_CONFIG": str(accounts_file), "GF_ENV": "production"})
    assert check.returncode == 0, check.stderr
    monkeypatch.setenv("GF_AUTH_CONFIG", str(tmp_path / "missing-too.yaml"))
    assert run_module("scripts.administration.accounts", "ensure", env={"GF_ENV": "production"}).returncode == 1
    assert not (tmp_path / "missing-too.yaml").exists()  # production never writes demo accounts


# --- wrong passwords, tokens, the second lock ---------------------------------------------------------------------

def test_wrong_passwords_are_slowed_from_the_sixth_and_lock_the_account_at_the_tenth(published_progress,
                                                                                     monkeypatch):
    """Through the real login form: attempts 1-5 answer at once, 6-9 wait 1, 2, 4, 8 s, the 10th locks the
    account for 15 minutes, after which even the right password is refused; a steward sees the lockout."""
    app = fresh_app(monkeypatch, published_progress[0])
    took = []
    for _ in range(10):
        started = time.monotonic()
        log_in(app, "li_leader", "not-the-password")
        took.append(time.monotonic() - started)
    events = login_security.audit_log()
    assert [event.get("delay_s") for event in events] == [0, 0, 0, 0, 0, 1, 2, 4, 8, 8]
    assert [event["outcome"] for event in events] == ["failure"] * 9 + ["locked"]
    assert all(seconds >= delay for seconds, delay in zip(took, [0, 0, 0, 0, 0, 1, 2, 4, 8, 8]))
    assert max(took[:5]) < took[8]  # the first five are not held back
    assert "已暂时锁定" in page_text(app) and "约 15 分钟" in page_text(app)
    log_in(app, "li_leader", TEST_ACCOUNTS["li_leader"][2])  # the right password, too late
    assert "已暂时锁定" in page_text(app) and "62.00 亿元" not in page_text(app)
    assert login_security.audit_log()[-1]["outcome"] == "refused_locked"
    steward = serve(monkeypatch, published_progress[0], username="zhang_steward")  # another account gets in
    steward.switch_page(SUBMIT_PAGE).run()
    sign_in = next(frame.value for frame in steward.dataframe if "客户端地址" in frame.value.columns)
    assert list(sign_in["结果"][:4]) == ["登录成功", "锁定期间被拒绝", "已锁定", "密码错误"]
    assert list(sign_in["用户名"][1:3]) == ["li_leader", "li_leader"]


def test_a_lock_runs_out_after_fifteen_minutes_and_a_success_ends_a_streak(tmp_path):
    """The limiter's own arithmetic at given times: failure 10 at t=1000 locks until 1000 + 900 s."""
    for second in range(10):
        login_security.record_failure("wang", "10.0.0.7", tmp_path, now=991 + second)
    account, client = login_security.attempt_states("wang", "10.0.0.7", tmp_path, now=1899)
    assert (account.failures, account.locked_until, client.failures, client.locked_until) == (10, 1900, 10, 0)
    assert client.limit.delay_for(client.failures) == 1  # the client waits from its 11th attempt
    account, _ = login_security.attempt_states("wang", "10.0.0.7", tmp_path, now=1900)
    assert (account.failures, account.locked_until) == (0, 0)  # the lock ran out: a new streak
    login_security.record_success("wang", "10.0.0.7", tmp_path)
    assert [state.failures for state in login_security.attempt_states("wang", "10.0.0.7", tmp_path)] == [0, 0]


def test_passwords_and_the_unknown_user_decoy_are_hashed_at_one_cost():
    """Cost 10 (SECURITY.md): a known and an unknown username take the same bcrypt time."""
    hashed = accounts.hash_password("a-long-enough-password")
    assert hashed.startswith("$2b$10$") and login_security._decoy_hash().startswith(b"$2b$10$")
    assert login_security.password_matches({"li": {"password": hashed}}, "li", "a-long-enough-password")
    assert not login_security.password_matches({"li": {"password": hashed}}, "li", "a-wrong-password")


def test_a_session_token_is_refused_unless_signed_current_and_unrevoked(tmp_path):
    import jwt

    key = "k" * 64
    users = {"li": {"password": accounts.hash_password("a-long-enough-password")}}
    token = login_security.issue_token("li", users["li"]["password"], key, 3600)
    claims = login_security.verify_token(token, key, users, tmp_path)
    assert claims["sub"] == "li"
    unsigned = jwt.encode({**claims}, None, algorithm="none")
    other_algorithm = jwt.encode({**claims}, key, algorithm="HS512")
    expired = login_security.issue_token("li", users["li"]["password"], key, 3600, now=time.time() - 7200)
    for refused in (unsigned, other_algorithm, expired, token + "x", "not.a.token", "", None, 42, "a" * 5000,
                    login_security.issue_token("li", users["li"]["password"], "another-key" * 4, 3600)):
        assert login_security.verify_token(refused, key, users, tmp_path) is None, refused
    changed = {"li": {"password": accounts.hash_password("another-long-password")}}
    assert login_security.verify_token(token, key, changed, tmp_path) is None  # a new password ends it
    assert login_security.verify_token(token, key, {}, tmp_path) is None  # so does a removed account
    login_security.revoke_token(claims, tmp_path)
    assert login_security.verify_token(token, key, users, tmp_path) is None


@pytest.mark.parametrize("page", ["overview", "green_credit", "green_bonds", "energy_carbon_forest",
                                  "changshou_guangan", "task_ledger", "data_quality", "submit_data"])
def test_a_page_run_without_the_router_shows_nothing_but_the_login_notice(page, published_progress, monkeypatch):
    """The second lock: a page script run by itself (as Streamlit's older multipage mode would run it) checks
    for a logged-in reader before reading any data."""
    monkeypatch.setenv("GF_DUCKDB_PATH", str(published_progress[0]))
    app = AppTest.from_file(str(REPO_ROOT / "dashboard" / "app_pages" / f"{page}.py"), default_timeout=60).run()
    assert not app.exception, [exception.value for exception in app.exception]
    assert [element.value for element in app.error] == ["请先登录。"]
    assert not app.title and not app.get("plotly_chart") and not app.dataframe and not app.metric
