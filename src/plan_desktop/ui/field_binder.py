"""One way for a form field to reach the document: key → widget → error label → commit.

Both the detail editor and the evaluation panel bind their fields here, so
every field behaves the same:

* a field commits when the user leaves it (``editingFinished``; a combo box
  on ``activated``, a check box on ``toggled``) — one undo step per field;
* text that cannot be stored (not a number, not a date, refused by the
  document) stays in the field, in red, with a Japanese message right under
  it; it is remembered per *context* (measure, or measure and year) so that
  leaving and coming back shows it again, and nothing is written until it
  is fixed;
* a reload after someone else's change never replaces text the user has
  typed and not yet committed (unless the form moves to another context);
* read-only forms make every bound widget read-only at once.

The owner supplies three callables: ``stored(key)`` (the value on record),
``store(key, value)`` (write it as one undo step through the document, which raises
:class:`~plan_desktop.document.errors.EditError` for a refused or failed edit:
it goes to the one failure reporter, see :mod:`.failure_reporter`) and,
optionally, ``check(key, value)`` (a message when the value is refused
before writing, '' when fine).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ..document.errors import EditError
from .date_edit import DateEdit
from .failure_reporter import failure_text, report_failure
from .widgets import ERROR_STYLE, ErrorLabel


class BoundField:
    """Adapter around one widget: raw text in and out, the value it means, the modified flag."""

    def __init__(self, key: str, widget: QWidget, error: ErrorLabel):
        self.key = key
        self.widget = widget
        self.error = error

    # raw: what the user sees/typed (kept as a draft when refused)
    def raw(self) -> Any:
        raise NotImplementedError

    def show_raw(self, raw: Any) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        """The value the shown text means; ValueError (Japanese) when it means none."""
        return self.raw()

    def show_value(self, value: Any) -> None:
        self.show_raw(value)

    def is_modified(self) -> bool:
        return False

    def set_unmodified(self) -> None:
        pass

    def set_editable(self, editable: bool) -> None:
        self.widget.setEnabled(editable)

    def style_target(self) -> QWidget:
        return self.widget

    def signal(self):
        raise NotImplementedError


class LineField(BoundField):
    def __init__(self, key, widget: QLineEdit, error, parse: Callable[[str], Any] | None = None,
                 format: Callable[[Any], str] = str):
        super().__init__(key, widget, error)
        self._parse = parse
        self._format = format

    def raw(self) -> str:
        return self.widget.text()

    def show_raw(self, raw: str) -> None:
        if self.widget.text() != raw:
            self.widget.setText(raw)
            self.widget.setCursorPosition(0)
        self.widget.setModified(False)

    def value(self) -> Any:
        return self._parse(self.raw()) if self._parse else self.raw()

    def show_value(self, value: Any) -> None:
        self.show_raw("" if value is None else self._format(value) if self._parse else value)

    def is_modified(self) -> bool:
        return self.widget.isModified()

    def set_unmodified(self) -> None:
        self.widget.setModified(False)

    def set_editable(self, editable: bool) -> None:
        self.widget.setReadOnly(not editable)

    def signal(self):
        return self.widget.editingFinished


class PlainField(BoundField):
    def raw(self) -> str:
        return self.widget.toPlainText()

    def show_raw(self, raw: str) -> None:
        if self.widget.toPlainText() != raw:
            self.widget.setPlainText(raw)
        self.widget.document().setModified(False)

    def is_modified(self) -> bool:
        return self.widget.document().isModified()

    def set_unmodified(self) -> None:
        self.widget.document().setModified(False)

    def set_editable(self, editable: bool) -> None:
        self.widget.setReadOnly(not editable)

    def signal(self):
        return self.widget.editingFinished


class ComboField(BoundField):
    def raw(self) -> Any:
        return self.widget.currentData()

    def show_raw(self, raw: Any) -> None:
        combo: QComboBox = self.widget
        idx = 0 if raw is None else combo.findData(raw)
        if idx < 0:  # a value not in the list (e.g. a letter removed elsewhere): show it as is
            combo.addItem(str(raw), raw)
            idx = combo.count() - 1
        with QSignalBlocker(combo):
            combo.setCurrentIndex(idx)

    def signal(self):
        return self.widget.activated


class CheckField(BoundField):
    def raw(self) -> bool:
        return self.widget.isChecked()

    def show_raw(self, raw: Any) -> None:
        with QSignalBlocker(self.widget):
            self.widget.setChecked(bool(raw))

    def signal(self):
        return self.widget.toggled


class DateField(BoundField):
    def raw(self) -> str:
        return self.widget.text()

    def show_raw(self, raw: str) -> None:
        self.widget.set_text(raw)

    def value(self) -> str | None:
        d: DateEdit = self.widget
        d.reread()  # the text may have been typed since the field was last left
        if d.problem():
            raise ValueError(d.problem())
        return d.value()

    def show_value(self, value: Any) -> None:
        self.widget.set_value(value)

    def is_modified(self) -> bool:
        return self.widget.is_modified()

    def set_unmodified(self) -> None:
        self.widget.line.setModified(False)

    def set_editable(self, editable: bool) -> None:
        self.widget.set_editable(editable)

    def style_target(self) -> QWidget:
        return self.widget.line

    def signal(self):
        return self.widget.editingFinished


class FieldBinder(QObject):
    """Commits, reloads, drafts and error display of a set of bound fields."""

    #: a field was stored (key)
    committed = Signal(str)
    #: a field was refused (key, message)
    refused = Signal(str, str)

    def __init__(self, *, stored: Callable[[str], Any], store: Callable[[str, Any], object],
                 check: Callable[[str, Any], str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._stored = stored
        self._store = store
        self._check = check
        self.fields: dict[str, BoundField] = {}
        self._drafts: dict[tuple[Any, str], Any] = {}
        self._context: Any = None
        self.loading = False

    # ------------------------------------------------------------ binding
    def _bind(self, f: BoundField) -> BoundField:
        self.fields[f.key] = f
        f.signal().connect(lambda *_args, key=f.key: self.commit(key))
        return f

    def bind_line(self, key: str, edit: QLineEdit, error: ErrorLabel, *, parse: Callable[[str], Any] | None = None,
                  format: Callable[[Any], str] = str) -> BoundField:
        return self._bind(LineField(key, edit, error, parse, format))

    def bind_text(self, key: str, edit: QPlainTextEdit, error: ErrorLabel) -> BoundField:
        return self._bind(PlainField(key, edit, error))

    def bind_combo(self, key: str, combo: QComboBox, error: ErrorLabel) -> BoundField:
        return self._bind(ComboField(key, combo, error))

    def bind_check(self, key: str, check: QCheckBox, error: ErrorLabel) -> BoundField:
        return self._bind(CheckField(key, check, error))

    def bind_date(self, key: str, edit: DateEdit, error: ErrorLabel) -> BoundField:
        return self._bind(DateField(key, edit, error))

    # ------------------------------------------------------------ context
    def context(self) -> Any:
        return self._context

    def set_context(self, context: Any) -> None:
        """The record the fields show (drafts are remembered per context)."""
        self._context = context

    def draft(self, key: str) -> Any:
        return self._drafts.get((self._context, key))

    def has_drafts(self) -> bool:
        return any(ctx == self._context for ctx, _key in self._drafts)

    def drop_drafts(self, context: Any) -> None:
        for k in [k for k in self._drafts if k[0] == context]:
            del self._drafts[k]

    # ------------------------------------------------------------- errors
    def show_error(self, key: str, message: str) -> None:
        f = self.fields[key]
        f.error.show_message(message)
        f.style_target().setStyleSheet(ERROR_STYLE if message else "")

    def error_text(self, key: str) -> str:
        f = self.fields.get(key)
        return f.error.text() if f is not None and not f.error.isHidden() else ""

    # ------------------------------------------------------------ loading
    def load(self, values: Mapping[str, Any], *, force: bool = False) -> None:
        """Show stored *values*; a draft of this context wins, and unless *force*
        (another record) so does text typed since the last load or commit."""
        self.loading = True
        try:
            for key, f in self.fields.items():
                if key not in values:
                    continue
                draft = self.draft(key)
                if draft is not None:
                    f.show_raw(draft)
                    self._recheck(key)
                    continue
                if not force and f.is_modified():
                    continue
                self.show_error(key, "")
                f.show_value(values[key])
        finally:
            self.loading = False

    def _recheck(self, key: str) -> None:
        """Show why the remembered draft is refused (or accept it quietly if it became fine)."""
        f = self.fields[key]
        try:
            value = f.value()
        except ValueError as exc:
            self.show_error(key, str(exc))
            return
        msg = self._check(key, value) if self._check else ""
        self.show_error(key, msg)

    def set_editable(self, editable: bool) -> None:
        for f in self.fields.values():
            f.set_editable(editable)

    # ------------------------------------------------------------ commits
    def commit(self, key: str) -> bool:
        """Store the field's value as one step; True when the field now holds a stored value."""
        if self.loading or self._context is None:
            return False
        f = self.fields[key]
        raw = f.raw()
        try:
            value = f.value()
        except ValueError as exc:
            return self._refuse(key, raw, str(exc))
        msg = self._check(key, value) if self._check else ""
        if msg:
            return self._refuse(key, raw, msg)
        try:
            unchanged = value == self._stored(key)
        except LookupError:
            return False
        if not unchanged:
            try:
                self._store(key, value)
            except EditError as exc:
                report_failure(f.widget, exc, label=f.error)
                return self._refuse(key, raw, failure_text(exc))
        self._drafts.pop((self._context, key), None)
        self.show_error(key, "")
        self.loading = True
        try:
            f.show_value(value)  # normalised form (№ without the mark, 令和 date)
        finally:
            self.loading = False
        f.set_unmodified()
        if not unchanged:
            self.committed.emit(key)
        return True

    def _refuse(self, key: str, raw: Any, message: str) -> bool:
        if message:
            self._drafts[(self._context, key)] = raw
            self.show_error(key, message)
            self.refused.emit(key, message)
        return False

    def flush(self) -> None:
        """Commit fields whose shown value differs from the stored one (focus may still be inside).

        A field refused as it stands stays a draft; one corrected since it was
        refused is stored (moving on must not drop the fix and bring back the mistake).
        """
        if self.loading or self._context is None:
            return
        for key, f in self.fields.items():
            if not f.is_modified():
                continue
            if self.error_text(key) and self._drafts.get((self._context, key)) == f.raw():
                continue
            self.commit(key)

    def refused_keys(self) -> list[str]:
        """Fields showing typed text that was refused (and so is not stored)."""
        return [key for key in self.fields if self.error_text(key)]
