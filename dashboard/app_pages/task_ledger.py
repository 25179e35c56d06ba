"""任务台账 Task ledger: the plan's 32 tasks by section with their departments and status (the latest
department report's, else the ledger's placeholder, marked sample), due date, overdue, whether the quarter
that has just ended was reported, and the last report's work done and next step; filterable; and how many
tasks each department has in each status."""
from __future__ import annotations

import re

import pandas as pd
import plotly.express as px
import streamlit as st

from dashboard import auth, components, data, safe_text

from scripts.outputs import wording
from dashboard.i18n import language, pick, t

auth.require_reader()  # the second lock: no logged-in reader, no page

SOURCES = ("src_task_ledger",)
# Task statuses by urgency: done green, under way blue, behind red, not started orange, not reported grey.
STATUS_COLOURS = components.TASK_STATUS_COLOURS
OVERDUE_COLOUR = STATUS_COLOURS["behind"]
REPORTING_COLOURS = {"reported": STATUS_COLOURS["completed"], "not_reported": STATUS_COLOURS["not_reported"]}
# The ledger writes a note meant for both languages as "中文 / English" (seeds/README.md): each reader sees theirs.
BILINGUAL_NOTE_SEPARATOR = " / "
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def filters(roles: pd.DataFrame, statuses: pd.DataFrame) -> tuple[list[str], list[str]]:
    departments = list(dict.fromkeys(roles.sort_values("department_name_zh")["department_name_zh"]))
    names = dict(zip(roles["department_name_zh"], roles[f"department_name_{language()}"]))
    status_names = {row["status_code"]: pick(row, "status_name") for _, row in statuses.iterrows()}
    left, right = st.columns(2)
    chosen_departments = left.multiselect(t("filter_department"), departments, format_func=names.get,
                                          key="tasks_department", placeholder=t("all"))
    chosen_statuses = right.multiselect(t("filter_status"), list(status_names), format_func=status_names.get,
                                        key="tasks_status", placeholder=t("all"))
    return chosen_departments, chosen_statuses


def filtered(tasks: pd.DataFrame, roles: pd.DataFrame, departments: list[str], statuses: list[str]) -> pd.DataFrame:
    """Tasks a chosen department leads or helps with, in a chosen status (no choice: all)."""
    keep = pd.Series(True, index=tasks.index)
    if departments:
        task_numbers = roles[roles["department_name_zh"].isin(departments)]["task_no"]
        keep &= tasks["task_no"].isin(task_numbers)
    if statuses:
        keep &= tasks["status_code"].isin(statuses)
    return tasks[keep]


def with_report_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The status (marked sample where it is only the ledger's placeholder), overdue and reporting status in
    words. Work done and next step stay the text a department submitted."""
    def status(row) -> str:
        return (t("status_sample_marker", status=row["status_name"]) if row["status_source"] == "sample"
                else row["status_name"])

    return frame.assign(
        status_name=frame.apply(status, axis=1),
        overdue=[t("overdue_yes", days=int(days)) if overdue else t("overdue_no")
                 for overdue, days in zip(frame["is_overdue"], frame["days_overdue"])],
        reporting=[t(f"reporting_{status}") for status in frame["reporting_status"]],
        last_reported_quarter=frame["last_reported_quarter"].fillna(""),
        work_done=frame["work_done"].fillna(""),
        next_step=frame["next_step"].fillna(""),
        status_note=frame["status_note"].map(ledger_note))


def ledger_note(note) -> str:
    """The ledger's note in the reader's language when it is written for both (BILINGUAL_NOTE_SEPARATOR)."""
    if wording.missing(note):
        return ""
    chinese, separator, english = str(note).partition(BILINGUAL_NOTE_SEPARATOR)
    if not separator or not CHINESE.search(chinese) or CHINESE.search(english):
        return str(note)
    return english if language() == "en" else chinese


def date_text(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def status_colours(frame: pd.DataFrame) -> dict[str, dict[str, str]]:
    """The status-like columns of a with_report_columns frame (components.table's `statuses`), each as {text
    shown: colour}; a task that is not overdue is plain text."""
    return {
        "status_name": dict(zip(frame["status_name"], frame["status_code"].map(STATUS_COLOURS))),
        "overdue": {text: OVERDUE_COLOUR for text, overdue in zip(frame["overdue"], frame["is_overdue"]) if overdue},
        "reporting": dict(zip(frame["reporting"], frame["reporting_status"].map(REPORTING_COLOURS))),
    }


def report_summary(tasks: pd.DataFrame) -> None:
    """How many tasks are overdue, and how many were not reported for the quarter that has just ended."""
    if tasks.empty:
        return
    quarter = tasks["required_quarter"].iloc[0]
    overdue, not_reported = st.columns(2)
    overdue.metric(t("tasks_overdue_count"), f"{int(tasks['is_overdue'].sum())} {t('tasks_unit')}")
    not_reported.metric(t("tasks_not_reported_count", quarter=quarter),
                        f"{int((tasks['reporting_status'] == 'not_reported').sum())} {t('tasks_unit')}")
    st.caption(t("tasks_due_note", today=date_text(tasks["judged_on"].iloc[0])))


def by_section(tasks: pd.DataFrame) -> None:
    """A table per section of the plan: the task, then its status, overdue and reporting (what a leader reads
    first, and what a phone's card shows under the task), then dates, departments and the last report."""
    frame = with_report_columns(components.localised(tasks, "task_title", "lead_department", "co_departments",
                                                     "status_name", "section_title", "part_title"))
    quarter = tasks["required_quarter"].iloc[0]
    columns = {"task_no": t("task_no"), "task_title": t("task"), "status_name": t("status"),
               "overdue": t("task_overdue"), "reporting": t("reporting_status", quarter=quarter),
               "due_date": t("due_date"), "lead_department": t("lead_department"), "work_done": t("work_done"),
               "next_step": t("next_step"), "last_reported_quarter": t("last_reported_quarter"),
               "co_departments": t("co_departments"), "last_update": t("last_update"),
               "status_note": t("status_note")}
    colours = status_colours(frame)
    for (_, section_code), section in frame.groupby(["section_sort_order", "section_code"], sort=True):
        first = section.iloc[0]
        st.markdown("#### " + safe_text.markdown_text(
            f"{section_code} {first['section_title']} · {first['part_title']}"))
        components.table(section, columns, file_name=None, key=f"tasks_{section_code}", statuses=colours,
                         details=("co_departments", "last_update", "status_note"), layout=components.WRAPPED)
    components.download(frame, {"section_code": t("section_code"), "section_title": t("section"), **columns},
                        file_name="task_ledger.csv", key="tasks_all")


def per_department(roles: pd.DataFrame, statuses: pd.DataFrame, source: str) -> None:
    st.subheader(t("per_department"))
    if roles.empty:
        return
    frame = components.localised(roles, "department_name", "status_name")
    counts = frame.groupby(["department_name", "status_name", "status_sort_order"], as_index=False)["task_no"].nunique()
    order = frame.groupby("department_name")["task_no"].nunique().sort_values().index.tolist()
    status_order = [pick(row, "status_name") for _, row in statuses.iterrows()]
    figure = px.bar(counts, x="task_no", y="department_name", color="status_name", orientation="h",
                    category_orders={"department_name": order[::-1], "status_name": status_order},
                    color_discrete_map={pick(row, "status_name"): STATUS_COLOURS.get(row["status_code"])
                                        for _, row in statuses.iterrows()},
                    labels={"task_no": t("tasks_count"), "department_name": t("department"),
                            "status_name": t("status")})
    components.finish_chart(figure, title=t("per_department"), y_title=t("department"),
                            x_title=f"{t('tasks_count')} ({t('tasks_unit')})", source=source,
                            key="tasks_per_department", height=max(420, 28 * len(order) + 160))
    table = counts.pivot_table(index="department_name", columns="status_name", values="task_no", fill_value=0)
    table = table.reindex(columns=[name for name in status_order if name in table.columns])
    led = frame[frame["department_role"] == "lead"].groupby("department_name")["task_no"].nunique()
    table.insert(0, t("lead_count"), led.reindex(table.index).fillna(0).astype(int))
    table = table.reset_index().rename(columns={"department_name": t("department")})
    # Department names are long (in English above all): a table that wraps, not a grid that cuts them.
    components.table(table, {column: column for column in table.columns}, file_name="tasks_per_department.csv",
                     key="tasks_per_department", layout=components.WRAPPED)


components.require_database()
tasks, roles, statuses = data.tasks(), data.task_department_roles(), data.task_statuses()
sample = components.is_sample(tasks["status_source"])
components.page_header("tasks_title", sample=sample)
st.caption(f"{t('tasks_intro')} {components.source_line(SOURCES, sample)}")
chosen_departments, chosen_statuses = filters(roles, statuses)
shown = filtered(tasks, roles, chosen_departments, chosen_statuses)
report_summary(tasks)
st.caption(t("tasks_shown", shown=len(shown), total=len(tasks)))
if shown.empty:
    st.info(t("no_tasks_match"))
else:
    by_section(shown)
per_department(roles[roles["task_no"].isin(shown["task_no"])], statuses, components.source_line(SOURCES, sample))
