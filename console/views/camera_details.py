"""The details of the selected camera under the tree: the catalogue record (R4), its share
type and legal basis (R5), and the rights this operator holds on it with when each ends (R6).
The values are data; only the labels and the words for codes are translated."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.access.model import CameraEntry
from console.api.diagnosis_wire import DiagnosisRow
from console.api.ptz_wire import HomePicture
from console.catalog.records import CameraType
from console.codes import ShareType
from console.views.reason_text import QT_TRANSLATE_NOOP, local_time_text
from console.views.right_icons import right_lines

_CONTEXT = "CameraText"

CAMERA_TYPE_TEXTS: dict[CameraType, str] = {
    CameraType.DOME: QT_TRANSLATE_NOOP("CameraText", "Dome"),
    CameraType.HALF_DOME: QT_TRANSLATE_NOOP("CameraText", "Half-dome"),
    CameraType.BULLET: QT_TRANSLATE_NOOP("CameraText", "Fixed bullet"),
    CameraType.REMOTE_BULLET: QT_TRANSLATE_NOOP("CameraText", "Remote-controlled bullet"),
    CameraType.REMOTE_HALF_DOME: QT_TRANSLATE_NOOP("CameraText", "Remote-controlled half-dome"),
    CameraType.MULTI_PANORAMIC: QT_TRANSLATE_NOOP("CameraText", "Multi-sensor, panoramic"),
    CameraType.MULTI_SPLIT: QT_TRANSLATE_NOOP("CameraText", "Multi-sensor, split channel"),
}

SHARE_TYPE_TEXTS: dict[ShareType, str] = {
    ShareType.UNCONDITIONAL: QT_TRANSLATE_NOOP("CameraText", "Shared unconditionally"),
    ShareType.CONDITIONAL: QT_TRANSLATE_NOOP("CameraText", "Shared on conditions"),
    ShareType.NOT_SHARED: QT_TRANSLATE_NOOP("CameraText", "Not shared"),
}

# The rows of the panel, in order: key, label.
FIELDS: tuple[tuple[str, str], ...] = (
    ("name", QT_TRANSLATE_NOOP("CameraText", "Name")),
    ("code", QT_TRANSLATE_NOOP("CameraText", "Code")),
    ("location", QT_TRANSLATE_NOOP("CameraText", "Location")),
    ("region", QT_TRANSLATE_NOOP("CameraText", "Region")),
    ("owner", QT_TRANSLATE_NOOP("CameraText", "Owner unit")),
    ("category", QT_TRANSLATE_NOOP("CameraText", "Category")),
    ("camera_type", QT_TRANSLATE_NOOP("CameraText", "Camera type")),
    ("ptz", QT_TRANSLATE_NOOP("CameraText", "PTZ")),
    ("share_type", QT_TRANSLATE_NOOP("CameraText", "Share type")),
    ("legal_basis", QT_TRANSLATE_NOOP("CameraText", "Legal basis")),
    ("state", QT_TRANSLATE_NOOP("CameraText", "State")),
    ("maintainer", QT_TRANSLATE_NOOP("CameraText", "Maintainer")),
    ("contact", QT_TRANSLATE_NOOP("CameraText", "Contact")),
    ("project", QT_TRANSLATE_NOOP("CameraText", "Project")),
    ("warranty_end", QT_TRANSLATE_NOOP("CameraText", "Warranty ends")),
    ("rights", QT_TRANSLATE_NOOP("CameraText", "Your rights")),
    ("diagnosis", QT_TRANSLATE_NOOP("CameraText", "Automatic check")),
    ("home_picture", QT_TRANSLATE_NOOP("CameraText", "Picture at home")),
)
# Rows only some roles see: the automatic video diagnosis (supervisors, administrators);
# a PTZ camera's reference picture at home (administrators).
OPTIONAL_KEYS = ("diagnosis", "home_picture")

FINDING_TEXTS: dict[str, str] = {
    "signal_loss": QT_TRANSLATE_NOOP("CameraText", "no signal"),
    "brightness": QT_TRANSLATE_NOOP("CameraText", "too dark or too bright"),
    "blur": QT_TRANSLATE_NOOP("CameraText", "blurred"),
    "occlusion": QT_TRANSLATE_NOOP("CameraText", "covered"),
    "colour_cast": QT_TRANSLATE_NOOP("CameraText", "colour cast"),
    "frozen": QT_TRANSLATE_NOOP("CameraText", "frozen picture"),
}

NONE_TEXT = "—"
LOADING_TEXT = "…"
# Rows the snapshot leaves empty; AccessService.details fills them one camera at a time.
DETAIL_KEYS = ("legal_basis", "maintainer", "contact", "project", "warranty_end")


def _tr(source: str) -> str:
    return QCoreApplication.translate(_CONTEXT, source)


def camera_type_text(value: int | None) -> str:
    try:
        return _tr(CAMERA_TYPE_TEXTS[CameraType(value)]) if value is not None else NONE_TEXT
    except ValueError:
        return str(value)


def share_type_text(value: ShareType | str) -> str:
    try:
        return _tr(SHARE_TYPE_TEXTS[ShareType(value)])
    except ValueError:
        return str(value)


def ptz_text(entry: CameraEntry) -> str:
    if not entry.ptz_capable:
        return _tr(QT_TRANSLATE_NOOP("CameraText", "No"))
    if entry.home_preset is None:
        return _tr(QT_TRANSLATE_NOOP("CameraText", "Yes, no home preset set"))
    return _tr(QT_TRANSLATE_NOOP("CameraText", "Yes, home preset {preset}")).format(
        preset=entry.home_preset)


def state_text(entry: CameraEntry) -> str:
    if entry.online:
        return _tr(QT_TRANSLATE_NOOP("CameraText", "Online"))
    if entry.last_seen is None:
        return _tr(QT_TRANSLATE_NOOP("CameraText", "Offline"))
    return _tr(QT_TRANSLATE_NOOP("CameraText", "Offline, last seen {time}")).format(
        time=local_time_text(entry.last_seen))


def diagnosis_text(row: DiagnosisRow | None) -> str:
    """The camera's last automatic check: when, and what it found (with how many checks in
    a row; a fault report is raised at ``persist_checks``)."""
    if row is None:
        return NONE_TEXT
    if row.checked_at is None:
        return _tr(QT_TRANSLATE_NOOP("CameraText", "Not checked yet"))
    when = local_time_text(row.checked_at)
    if not row.findings:
        return _tr(QT_TRANSLATE_NOOP("CameraText", "{time}: clean picture ({checks} checks)")
                   ).format(time=when, checks=row.checks)
    found = _tr(QT_TRANSLATE_NOOP("CameraText", ", ")).join(
        _tr(QT_TRANSLATE_NOOP("CameraText", "{finding} ({n} of {of} checks in a row)")).format(
            finding=_tr(FINDING_TEXTS[f]) if f in FINDING_TEXTS else f,
            n=row.streaks.get(f, 1), of=row.persist_checks)
        for f in row.findings)
    return _tr(QT_TRANSLATE_NOOP("CameraText", "{time}: {findings}")).format(time=when,
                                                                            findings=found)


def home_picture_text(picture: HomePicture | None) -> str:
    """What the centre says of a PTZ camera's reference picture at home."""
    if picture is None:
        return _tr(QT_TRANSLATE_NOOP("CameraText", "None recorded: returns through the city "
                                                   "platform are commanded, not verified"))
    return _tr(QT_TRANSLATE_NOOP("CameraText", "Recorded {time} by {account} (preset "
                                               "{preset})")).format(
        time=local_time_text(picture.taken_at), account=picture.taken_by,
        preset=picture.home)


def _day(value: date | datetime | None) -> str:
    return value.isoformat()[:10] if value is not None else NONE_TEXT


def field_values(entry: CameraEntry, region_names: list[str]) -> dict[str, str]:
    """What each row of the panel says about ``entry``."""
    return {
        "name": entry.name,
        "code": entry.code,
        "location": entry.location or NONE_TEXT,
        "region": " / ".join(region_names) or entry.region_code or NONE_TEXT,
        "owner": entry.owner_unit_name or entry.owner_unit_code,
        "category": entry.category or NONE_TEXT,
        "camera_type": camera_type_text(entry.camera_type),
        "ptz": ptz_text(entry),
        "share_type": share_type_text(entry.share_type),
        "legal_basis": entry.legal_basis or NONE_TEXT,
        "state": state_text(entry),
        "maintainer": entry.maintainer or NONE_TEXT,
        "contact": entry.contact or NONE_TEXT,
        "project": entry.project or NONE_TEXT,
        "warranty_end": _day(entry.warranty_end),
        "rights": "\n".join(right_lines(entry)) or NONE_TEXT,
    }


class CameraDetails(QWidget):
    """A form with one row per catalogue field; a hint while nothing is selected. For
    administrators a PTZ camera's row "Picture at home" has a button that asks the centre
    to record it (``record_home_picture_requested``)."""

    record_home_picture_requested = Signal(str)     # camera code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDetails")
        self.entry: CameraEntry | None = None
        self.hint_label = QLabel(self.tr("Select a monitoring point to see its details."))
        self.hint_label.setProperty("role", "muted")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        form_page = self.form_page = QWidget()
        form = QFormLayout(form_page)
        form.setContentsMargins(4, 4, 4, 4)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(3)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key, label_source in FIELDS:
            label = QLabel(_tr(label_source))
            label.setProperty("role", "fieldLabel")
            value = QLabel()
            value.setObjectName(f"detail_{key}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setProperty("role", "fieldValue")
            # Not selectable: catalogue data stays off the clipboard.
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            form.addRow(label, value)
            self.labels[key], self.values[key] = label, value
        self.record_button = QPushButton(self.tr("Record at home…"))
        self.record_button.setObjectName("recordHomePicture")
        self.record_button.setToolTip(self.tr(
            "The centre sends the camera to its home preset and records its picture there; "
            "returns home through the city platform are then verified against it."))
        self.record_button.clicked.connect(self._on_record_clicked)
        form.addRow("", self.record_button)
        self.form = form
        self.diagnosis_shown = False
        self.home_picture_shown = False
        for key in OPTIONAL_KEYS:
            form.setRowVisible(self.labels[key], False)
        form.setRowVisible(self.record_button, False)
        # Long values (a legal basis, a project name) wrap; the panel scrolls rather than
        # squeezing rows into each other when the dock is short.
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(form_page)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint_label)
        self.pages.addWidget(self.scroll_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def show_entry(self, entry: CameraEntry | None, region_names: list[str] | None = None,
                   *, loading: bool = False) -> None:
        """Show ``entry``; ``loading``: its details are being read (their rows say so)."""
        previous, self.entry = self.entry, entry
        if entry is None:
            for value in self.values.values():
                value.clear()
            self.pages.setCurrentIndex(0)
            return
        if previous is None or previous.code != entry.code:
            self.values["diagnosis"].setText(LOADING_TEXT)
            self.values["home_picture"].setText(LOADING_TEXT)
            self.record_button.setEnabled(True)
        for key, text in field_values(entry, region_names or []).items():
            self.values[key].setText(LOADING_TEXT if loading and key in DETAIL_KEYS else text)
        self.values["state"].setProperty("state", "online" if entry.online else "offline")
        self.values["state"].style().polish(self.values["state"])
        self._show_home_picture_row()
        self.pages.setCurrentIndex(1)

    def set_home_picture_shown(self, shown: bool) -> None:
        """Whether PTZ cameras show their reference picture's row and the button to record
        it (administrators)."""
        self.home_picture_shown = shown
        self._show_home_picture_row()

    def _show_home_picture_row(self) -> None:
        shown = self.home_picture_shown and self.entry is not None and self.entry.ptz_capable
        self.form.setRowVisible(self.labels["home_picture"], shown)
        self.form.setRowVisible(self.record_button, shown)

    def show_home_picture(self, code: str, text: str, *, busy: bool = False) -> None:
        """The row's text for camera ``code`` (ignored when another camera is shown now);
        ``busy``: a recording is under way (the button waits)."""
        if self.entry is not None and self.entry.code == code:
            self.values["home_picture"].setText(text)
            self.record_button.setEnabled(not busy)

    def _on_record_clicked(self) -> None:
        if self.entry is not None:
            self.record_home_picture_requested.emit(self.entry.code)

    def set_diagnosis_shown(self, shown: bool) -> None:
        """Whether the automatic check's row is shown (supervisors and administrators)."""
        self.diagnosis_shown = shown
        self.form.setRowVisible(self.labels["diagnosis"], shown)

    def show_diagnosis(self, row: DiagnosisRow | None) -> None:
        """The last automatic check of the camera shown (None: could not be read)."""
        if self.entry is not None and (row is None or row.camera == self.entry.code):
            self.values["diagnosis"].setText(diagnosis_text(row))

    def text(self, key: str) -> str:
        return self.values[key].text()
