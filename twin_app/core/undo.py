"""Undo and redo: a stack of commands, each knowing how to do and undo itself.

Facilitators edit in front of a room; a wrong click must be one key away
from gone, and a change of mind one key from back.  The stack follows the
usual rules of desktop editors (Qt's ``QUndoStack``): :meth:`UndoStack.push`
does a command and forgets what could be redone (a new edit starts a new
branch), :meth:`UndoStack.undo` and :meth:`UndoStack.redo` walk the history.

It holds plain callables, so core, the CLI and the window share it without
Qt.  :func:`edit_command` makes the command for one scenario edit of a
project: doing it appends the edit (journalled at once), undoing it takes
that edit off the end again (journalled too), so a crash after an undo does
not bring the edit back.

A command made by :func:`edit_command` carries its edit and scenario
(:attr:`Command.edit`, :attr:`Command.scenario`): before a redo the window
reads which edit comes back (:attr:`UndoStack.next_redo`) and redraws only
its layers, and a renamed scenario keeps its history
(:meth:`UndoStack.rename_scenario`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from twin_app.core.project import Project
    from twin_app.core.scenario import Edit

#: how many steps are kept; the oldest are forgotten beyond this
DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class Command:
    """Something done that can be undone; ``label`` is what an Undo menu item says."""

    label: str
    do: Callable[[], None]
    undo: Callable[[], None]
    #: the scenario edit this command makes, when it makes one (None for any other command)
    edit: Edit | None = None
    #: the scenario that edit is made in
    scenario: str | None = None


class UndoStack:
    """Commands done, in order, with a cursor: those before it can be undone, those after redone."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError("an undo stack must keep at least one step")
        self.limit = limit
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> None:
        """Do ``command`` and make it the next to undo; what could be redone is forgotten.

        If doing it raises, nothing is recorded (the stack is as before).
        """
        command.do()
        self._done.append(command)
        self._undone.clear()
        del self._done[: max(0, len(self._done) - self.limit)]

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def next_undo(self) -> Command | None:
        """The command :meth:`undo` would undo (None when there is none)."""
        return self._done[-1] if self._done else None

    @property
    def next_redo(self) -> Command | None:
        """The command :meth:`redo` would do again (None when there is none)."""
        return self._undone[-1] if self._undone else None

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def undo(self) -> str | None:
        """Undo the last command done; returns its label (None when there is nothing to undo)."""
        if not self._done:
            return None
        command = self._done[-1]
        command.undo()
        self._done.pop()
        self._undone.append(command)
        return command.label

    def redo(self) -> str | None:
        """Do again the last command undone; returns its label (None when there is nothing to redo)."""
        if not self._undone:
            return None
        command = self._undone[-1]
        command.do()
        self._undone.pop()
        self._done.append(command)
        return command.label

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

    def rename_scenario(self, project: Project, old: str, new: str) -> None:
        """After ``old`` was renamed ``new`` in ``project``: its edits' commands now act on ``new``.

        The commands' callables name the scenario they were made for; without
        this, undoing after a rename would look for a scenario that no longer
        exists.  Other commands are kept as they are.
        """

        def renamed(command: Command) -> Command:
            if command.edit is None or command.scenario != old:
                return command
            return edit_command(project, new, command.edit)

        self._done = [renamed(c) for c in self._done]
        self._undone = [renamed(c) for c in self._undone]


def edit_command(project: Project, scenario: str, edit: Edit) -> Command:
    """The command that adds ``edit`` to ``scenario`` in ``project`` (and takes it off on undo)."""

    def undo() -> None:
        project.pop_edit(scenario, expected=edit)

    return Command(
        label=edit.describe(),
        do=lambda: project.add_edit(scenario, edit),
        undo=undo,
        edit=edit,
        scenario=scenario,
    )


__all__ = ["Command", "UndoStack", "edit_command"]
