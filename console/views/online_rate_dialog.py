"""Online rates (在线率) for supervisors (their own unit's cameras) and administrators (all),
from the Management menu (issue 14 item 9): per unit or region, the share online now and the
time-weighted rate (online hours ÷ expected hours) over a day, week or month, as a table and
a bar chart with the 98 % target line. The centre computes everything
(console/online/service.py); this dialog only asks and draws. PySide6-Essentials ships no
QtCharts, so the chart is a small QPainter widget."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QDate, QRectF, QSize, Qt, Slot
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.api.online_wire import RateRow, RatesAnswer
from console.online.rates import LOCAL_TIME, TARGET, Period
from console.services import Services
from console.views.reason_text import refusal_text
from console.views.register_dialog import RowsModel, table_view
from console.views.tasks import TaskRunner

GOOD = QColor(46, 139, 87)          # at or above the target
BELOW = QColor(230, 126, 34)        # under the target
TARGET_LINE = QColor(200, 30, 30)
NO_DATA = QColor(160, 160, 160)


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.2f} %"


class RateChart(QWidget):
    """Bars of the time-weighted rate per group, 0–100 %, with the target as a dashed line.
    ``bars``: (label, rate or None: nothing expected in the period)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onlineRateChart")
        self.bars: list[tuple[str, float | None]] = []
        self.target = TARGET
        self.target_label = ""
        self.empty_text = ""
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(640, 280)

    def set_bars(self, bars: list[tuple[str, float | None]], target: float) -> None:
        self.bars, self.target = bars, target
        self.update()

    def plot_rect(self) -> QRectF:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("100 %") + 12
        return QRectF(left, metrics.height() + 8, max(10, self.width() - left - 12),
                      max(10, self.height() - 3 * metrics.height() - 16))

    def y_of(self, rate: float) -> float:
        plot = self.plot_rect()
        return plot.bottom() - max(0.0, min(1.0, rate)) * plot.height()

    def bar_rects(self) -> list[QRectF]:
        plot = self.plot_rect()
        if not self.bars:
            return []
        slot = plot.width() / len(self.bars)
        width = min(64.0, slot * 0.6)
        rects = []
        for i, (_label, rate) in enumerate(self.bars):
            x = plot.left() + slot * i + (slot - width) / 2
            top = self.y_of(rate if rate is not None else 0.0)
            rects.append(QRectF(x, top, width, plot.bottom() - top))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        plot = self.plot_rect()
        metrics = self.fontMetrics()
        grid = QColor(text)
        grid.setAlpha(50)
        for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = self.y_of(tick)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - metrics.height() / 2, plot.left() - 6,
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{tick * 100:.0f} %")
        if not self.bars:
            painter.setPen(text)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
        for (label, rate), rect in zip(self.bars, self.bar_rects(), strict=True):
            colour = NO_DATA if rate is None else GOOD if rate >= self.target else BELOW
            painter.fillRect(rect, colour)
            painter.setPen(text)
            value = QRectF(rect.left() - 30, rect.top() - metrics.height() - 2,
                           rect.width() + 60, metrics.height())
            painter.drawText(value, Qt.AlignmentFlag.AlignCenter, percent_text(rate))
            name = QRectF(rect.left() - 40, plot.bottom() + 4, rect.width() + 80,
                          metrics.height() * 2)
            painter.drawText(name, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                                int(name.width())))
        y = self.y_of(self.target)
        pen = QPen(TARGET_LINE, 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(plot.left(), y - metrics.height() - 2, plot.width(),
                                metrics.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                         self.target_label)
        painter.end()


class OnlineRateDialog(QDialog):
    """The online rates of the caller's cameras (a supervisor: their unit's)."""

    def __init__(self, services: Services, runner: TaskRunner, session_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onlineRateDialog")
        self.setWindowTitle(self.tr("Online rates"))
        self.resize(900, 620)
        self._services, self._runner, self._session_id = services, runner, session_id
        self.answer: RatesAnswer | None = None
        self.period_combo = QComboBox()
        for period, text in ((Period.DAY, self.tr("Day")), (Period.WEEK, self.tr("Week")),
                             (Period.MONTH, self.tr("Month"))):
            self.period_combo.addItem(text, str(period))
        self.by_combo = QComboBox()
        self.by_combo.addItem(self.tr("By unit"), "unit")
        self.by_combo.addItem(self.tr("By region"), "region")
        today = services.clock.now().astimezone(LOCAL_TIME).date()
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        for combo in (self.period_combo, self.by_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.date_edit.dateChanged.connect(self.refresh)
        self.model: RowsModel[RateRow] = RowsModel([
            ("", lambda r: r.name or r.key), ("", lambda r: r.key),
            ("", lambda r: f"{r.online} / {r.total}"),
            ("", lambda r: percent_text(r.point_rate)),
            ("", lambda r: f"{r.online_hours:.2f} / {r.expected_hours:.2f}"),
            ("", lambda r: percent_text(r.weighted_rate))], self)
        self.model.set_headers([
            self.tr("Name"), self.tr("Code"), self.tr("Online now"), self.tr("Rate now"),
            self.tr("Online hours / expected hours"), self.tr("Time-weighted rate")])
        self.table = table_view(self.model)
        self.chart = RateChart()
        self.chart.target_label = self.tr("Target {target}").format(
            target=f"{TARGET * 100:.0f} %")
        self.chart.empty_text = self.tr("No cameras.")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("onlineRateSummary")
        self.summary_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        top = QHBoxLayout()
        for label, widget in ((self.tr("Period"), self.period_combo),
                              (self.tr("Date"), self.date_edit),
                              (self.tr("Group"), self.by_combo)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(close)

    def day(self) -> datetime:
        date = self.date_edit.date().toPython()
        return datetime.combine(date, time(12), LOCAL_TIME)  # type: ignore[arg-type]

    @Slot()
    def refresh(self) -> None:
        rates, sid = self._services.online_rates, self._session_id
        period, by, day = self.period_combo.currentData(), self.by_combo.currentData(), self.day()
        self._runner.submit(lambda: rates.rates(sid, period, day, by), self._on_answer,
                            self._on_failed, owner=self)

    def _on_answer(self, answer: RatesAnswer) -> None:
        self.answer = answer
        self.error_label.hide()
        self.model.reset(answer.rows)
        self.chart.set_bars([(r.name or r.key, r.weighted_rate) for r in answer.rows],
                            answer.target)
        city = answer.city
        start = answer.start.astimezone(LOCAL_TIME).strftime("%Y-%m-%d")
        end = answer.end.astimezone(LOCAL_TIME).strftime("%Y-%m-%d")
        self.summary_label.setText(self.tr(
            "{start} to {end}: {online} of {total} cameras online now ({now}); "
            "time-weighted {weighted}; target {target}.").format(
                start=start, end=end, online=city.online, total=city.total,
                now=percent_text(city.point_rate), weighted=percent_text(city.weighted_rate),
                target=f"{answer.target * 100:.0f} %"))

    def _on_failed(self, error: BaseException) -> None:
        self.error_label.setText(refusal_text(error))
        self.error_label.show()
