"""The shift report as PDF (R12), made on the centre with fpdf2: the shift, its review, who
was there (attendance), the on-duty log, the handovers with what they carried, and drawn
figures (entries per category, the unit's cameras online). Text and figures only: nothing
here can take a picture — no video frame, no image of any kind is ever placed in it.

Labels are bilingual (中文 / English): the report is read away from the console, by whoever
the supervisor hands it to. The CJK font comes from the system (fonts-noto-cjk, installed by
tools/bootstrap.sh); fpdf2 reads its .ttc collection and embeds the subset used."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

from console.api.duty_wire import HandoverContent, ShiftDetail
from console.duty.rules import Category

# (file, index in the collection: Noto Sans CJK's .ttc holds JP, KR, SC, TC, HK)
FONT_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
)

CATEGORY_LABELS = {
    Category.PATROL: "日常巡查 Patrol",
    Category.INCIDENT: "突发事件 Incident",
    Category.TRAFFIC: "交通 Traffic",
    Category.PUBLIC_ORDER: "治安 Public order",
    Category.EQUIPMENT: "设备 Equipment",
    Category.OTHER: "其他 Other",
}
REVIEW_LABELS = {"pending": "待审核 Pending", "returned": "已退回 Returned",
                 "approved": "已批准 Approved"}
SCOPE_LABELS = {"camera": "摄像机 camera", "group": "分组 group", "region": "区域 region"}
HANDOVER_LABELS = {"signed": "已签交 Signed", "accepted": "已接收 Accepted",
                   "refused": "已拒收 Refused"}


class NoCjkFontError(RuntimeError):
    pass


def cjk_font() -> tuple[str, int]:
    for path, index in FONT_CANDIDATES:
        if Path(path).is_file():
            return path, index
    raise NoCjkFontError("no CJK font found (install fonts-noto-cjk)")


def _t(when: datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "-"


class _Report(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("cjk", size=8)
        self.cell(0, 6, f"{self.page_no()}", align="C")


def shift_report(detail: ShiftDetail, *, made_by: str, made_at: datetime) -> bytes:
    shift = detail.shift
    font, index = cjk_font()
    pdf = _Report(format="A4")
    pdf.set_title(f"值班报告 Shift report #{shift.id}")
    pdf.set_creator("city-video-console")
    pdf.add_font("cjk", "", font, collection_font_number=index)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    width = pdf.epw

    def heading(text: str, size: int = 13) -> None:
        pdf.ln(2)
        pdf.set_font("cjk", size=size)
        pdf.multi_cell(width, 8, text)
        pdf.set_font("cjk", size=10)

    def line(text: str) -> None:
        pdf.multi_cell(width, 5.5, text)

    heading(f"值班报告 Shift report #{shift.id}", 16)
    line(f"单位 Unit: {shift.unit_name} ({shift.unit})")
    line(f"班次 Shift: {shift.title or '-'}  {_t(shift.starts_at)} – {_t(shift.ends_at)}")
    line("值班人员 Planned: " + "、".join(f"{p.name} ({p.account})" for p in shift.people))
    line(f"审核 Review: {REVIEW_LABELS.get(shift.review, shift.review)}"
         + (f"  {shift.reviewed_by} {_t(shift.reviewed_at)}" if shift.reviewed_by else "")
         + (f"  意见 Comment: {shift.review_comment}" if shift.review_comment else ""))
    line(f"生成 Made by {made_by}, {_t(made_at)}")

    heading("到岗情况 Attendance")
    for p in detail.attendance:
        state = ("缺岗 Absent" if p.absent else
                 f"迟到 Late {p.late_minutes} min" if p.late_minutes else "准时 On time")
        if not p.planned:
            state = "未排班 Not on the roster"
        line(f"{p.name} ({p.account}): {state}; 首次登录 first login {_t(p.first_login)}")
        for s in p.stints:
            line(f"    {s.terminal}: {_t(s.start)} – {_t(s.end)}")
        for start, end in p.gaps:
            line(f"    空岗 Gap: {_t(start)} – {_t(end)}")

    heading("值班记录 On-duty log")
    if not detail.entries:
        line("(无 none)")
    for e in detail.entries:
        cameras = "、".join(f"{c.name} ({c.code})" for c in e.cameras) or "-"
        tags = []
        if e.corrects:
            tags.append(f"更正 #{e.corrects} correction")
        if e.corrected_by:
            tags.append(f"已被 #{e.corrected_by} 更正 corrected")
        if e.closes:
            tags.append(f"办结 #{e.closes} closes")
        line(f"#{e.id} {_t(e.at)} [{CATEGORY_LABELS.get(e.category, e.category)}] "
             f"{e.author_name} ({e.author}) @ {e.terminal}"
             + (f"  {'; '.join(tags)}" if tags else ""))
        line(f"    摄像机 Cameras: {cameras}")
        line(f"    所见 Seen: {e.seen}")
        if e.location:
            line(f"    地点 Location: {e.location}")
        if e.follow_up:
            line(f"    后续 Follow-up: {e.follow_up}")

    heading("交接班 Handovers")
    if not detail.handovers:
        line("(无 none)")
    for h in detail.handovers:
        line(f"#{h.id} 班次 shift #{h.shift} → #{h.to_shift}: "
             f"{HANDOVER_LABELS.get(h.state, h.state)}")
        line(f"    签交 Signed: {h.signed_name} ({h.signed_by}) @ {h.signed_terminal}, "
             f"{_t(h.signed_at)}" + (f"  备注 Note: {h.note}" if h.note else ""))
        if h.answered_by:
            line(f"    {'接收 Accepted' if h.state == 'accepted' else '拒收 Refused'}: "
                 f"{h.answered_name} ({h.answered_by}) @ {h.answered_terminal}, "
                 f"{_t(h.answered_at)}" + (f"  理由 Reason: {h.refusal}" if h.refusal else ""))
        _content(h.content, line)

    heading("图表 Figures")
    counts = Counter(e.category for e in detail.entries)
    _bars(pdf, "各类记录 Entries by category",
          [(CATEGORY_LABELS[c], counts.get(c, 0)) for c in Category])
    online = next((h.content.online for h in reversed(detail.handovers)), None)
    if online is not None and online.total:
        title = ("在线率（时点）Online rate (point in time)" if online.kind == "online_rates"
                 else "摄像机在线（时点占比）Cameras online (point-in-time share)")
        _bars(pdf, f"{title}, {_t(online.at)}",
              [("在线 Online", online.online), ("离线 Offline", online.total - online.online)])
    if online is not None and online.weighted_rate is not None:
        _bars(pdf, f"当日在线率（时间加权）Online rate today (time weighted), "
                   f"{_t(online.since)} – {_t(online.at)}, 摄像机小时 camera-hours",
              [("在线 Online", round(online.online_hours)),
               ("离线 Offline", round(online.expected_hours - online.online_hours))])
    return bytes(pdf.output())


def _percent(rate: float | None) -> str:
    return f"{100 * rate:.1f} %" if rate is not None else "-"


def _content(content: HandoverContent, write: Callable[[str], None]) -> None:
    write(f"    未结事项 Open items: {len(content.open_items)}")
    for i in content.open_items:
        write(f"      #{i.entry} {_t(i.at)} {i.seen} → {i.follow_up}")
    write(f"    未修复故障 Open faults: {len(content.open_faults)}")
    for f in content.open_faults:
        write(f"      #{f.id} {f.camera_name} ({f.camera}) {f.kind} {f.state} {f.maintainer}")
    write(f"    云台未复位 PTZ faults: {len(content.ptz_faults)}")
    for p in content.ptz_faults:
        write(f"      #{p.id} {p.camera_name} ({p.camera}) {p.actor}")
    online = content.online
    if online.kind == "online_rates":
        write(f"    在线率（时点）Online rate (point in time) {_t(online.at)}: {online.online}/"
              f"{online.total} = {_percent(online.point_rate)}")
        write(f"    当日在线率（时间加权）Online rate today (time weighted) {_t(online.since)} – "
              f"{_t(online.at)}: {online.online_hours:.1f}/{online.expected_hours:.1f} "
              f"h = {_percent(online.weighted_rate)}")
    else:
        write(f"    在线（时点占比）Online (point-in-time share): {online.online}/"
              f"{online.total} = {_percent(online.point_rate)}")
    write(f"    生效的应急授权 Emergency grants in force: {len(content.emergency_grants)}")
    for g in content.emergency_grants:
        kind = SCOPE_LABELS.get(g.scope_kind, g.scope_kind)
        write(f"      #{g.id} {g.grantee} {kind} {g.scope} {g.scope_name} "
              f"{','.join(g.rights)} → {_t(g.until)} {g.reason}")


def _bars(pdf: FPDF, title: str, values: list[tuple[str, int]]) -> None:
    """A horizontal bar chart drawn with rectangles (vector: no image)."""
    pdf.set_font("cjk", size=10)
    pdf.multi_cell(pdf.epw, 6, title)
    top = max((v for _, v in values), default=0) or 1
    label_w, bar_w = 50.0, pdf.epw - 70.0
    for label, value in values:
        if pdf.will_page_break(7):
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w, 6, label)
        pdf.set_fill_color(70, 120, 190)
        if value:
            pdf.rect(pdf.l_margin + label_w, y + 1, bar_w * value / top, 4, style="F")
        pdf.set_xy(pdf.l_margin + label_w + bar_w + 2, y)
        pdf.cell(18, 6, str(value))
        pdf.ln(6.5)
    pdf.ln(2)
