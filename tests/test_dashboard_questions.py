"""The page "Audience questions" on the demo: the livestream's questions by topic and minute, the
unanswered ones oldest first with a link to reply, and a topic corrected by staff (audited)."""

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from dashboard.auth_ui import TOKEN_KEY
from models.auth import audit_events
from models.comments import answer_figures, unanswered
from models.db import make_engine
from models.i18n import fmt_int
from models.tables import Comment
from tests import test_dashboard_apptest as apptest
from tests import test_dashboard_roles as roles
from tests.test_dashboard_apptest import (
    MAY,
    SQLITE,
    assert_no_error,
    figure,
    metric_values,
    tables,
    title,
    trace_names,
)

dashboard = apptest.dashboard  # the fixtures of the dashboard tests
demo_copy = apptest.demo_copy

MAY_QUERY = {"from": "2024-05-01", "to": "2024-05-31"}


@SQLITE
def test_the_livestreams_questions_show_by_topic_and_minute_with_the_unanswered_oldest_first(
    dashboard, demo_url, demo_engine
):
    app = dashboard(demo_url, "questions", period="custom", **MAY_QUERY)
    with demo_engine.connect() as connection:
        expected = answer_figures(connection, MAY)
        waiting = unanswered(connection, MAY)
    cards = metric_values(app)
    assert cards["Câu hỏi"] == fmt_int(expected.questions, "vi")
    assert cards["Trả lời sau (trung vị)"].endswith(" phút")
    for card in app.metric:  # whole on a 1400-px screen, the definition behind the "?"
        assert len(card.label) <= apptest.MAX_CARD_LABEL and len(card.help) > len(card.label)
    assert title(app, 0) == "Câu hỏi theo chủ đề, theo ngày"
    assert "Thẻ BHYT (mua, gia hạn, hộ gia đình)" in trace_names(app, 0)
    assert title(app, 1).startswith("Câu hỏi theo phút phát sóng: LIVESTREAM")
    assert figure(app, 1)["layout"]["xaxis"]["title"]["text"] == "Phút phát sóng (min)"
    top, shown = tables(app)[0], tables(app)[1]
    assert len(top) == 10
    assert len(shown) == len(waiting)
    assert shown.iloc[0]["Câu hỏi"].startswith(waiting.iloc[0]["text"][:20])
    links = app.dataframe[1].value["Trả lời"].tolist()
    assert all(link.startswith("https://www.facebook.com/") and "comment_id=" in link for link in links)
    assert "Bình luận trên Zalo OA không có ở đây" in app.caption[0].value  # its API gives none


@SQLITE
def test_an_editor_corrects_a_questions_topic_and_the_audit_trail_keeps_it(dashboard, demo_copy):
    app = dashboard(demo_copy, "questions", period="custom", **MAY_QUERY)
    question = app.selectbox(key="relabel_question")
    asked = question.value
    app.selectbox(key="relabel_topic").set_value("payment")
    app.button[-1].click().run()
    assert_no_error(app)
    assert "Đã lưu chủ đề." in [s.value for s in app.success]
    engine = make_engine(demo_copy)
    with engine.connect() as connection:
        corrected = connection.execute(
            select(Comment.topic_by, Comment.topic).where(Comment.topic_by.is_not(None))
        )
        events = audit_events(connection, action="question_topic")
    assert [tuple(row) for row in corrected] == [(events[0].user, "payment")]
    assert (events[0].target, events[0].detail["to"]) == (f"comment:{asked}", "payment")
    engine.dispose()


@pytest.mark.parametrize("demo_url", ["sqlite"], indirect=True)
def test_english_labels_on_the_questions_page(dashboard, demo_url):
    app = dashboard(demo_url, "questions", period="custom", **MAY_QUERY, lang="en")
    assert "Questions" in metric_values(app)
    assert title(app, 0) == "Questions by topic, per day"
    assert "Zalo OA comments are not included: Zalo's API does not give" in app.caption[0].value


team_db = roles.team_db  # a copy of the demo with a viewer, an editor and an admin; sign-in required


def relabel_directly() -> None:
    """A page script that calls the relabel action itself, as a crafted request would."""
    import streamlit as st

    from dashboard import actions, data
    from models.errors import UserError

    try:
        actions.relabel_question(data.engine(), 1, "payment")
    except UserError as error:
        st.write(f"refused: {error}")
    else:
        st.write("done")


@SQLITE
def test_a_viewer_sees_the_questions_but_cannot_relabel_them(team_db):
    viewer = roles.open_as(team_db, "vy", "questions")
    assert viewer.title[0].value == "Audience questions"
    assert not [box for box in viewer.selectbox if box.key == "relabel_question"]
    editor = roles.open_as(team_db, "em", "questions")
    assert [box for box in editor.selectbox if box.key == "relabel_question"]
    app = AppTest.from_function(relabel_directly, default_timeout=60)
    app.session_state[TOKEN_KEY] = roles.token_for(team_db, "vy")
    app.run()
    assert [m.value for m in app.markdown][0].startswith("refused: ")
    with make_engine(team_db).connect() as connection:
        assert connection.execute(select(Comment.id).where(Comment.topic_by.is_not(None))).first() is None
