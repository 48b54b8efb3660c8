"""The undo stack says which edit it would undo or redo, and follows a scenario's rename."""

from __future__ import annotations

from pathlib import Path

from test_project import make_city

from twin_app.core.project import Project
from twin_app.core.scenario import AddStop, MoveStop, RemoveStop
from twin_app.core.undo import Command, UndoStack, edit_command


def test_the_stack_names_the_edit_it_would_undo_or_redo(tmp_path: Path) -> None:
    project = Project.new(tmp_path / "p.gpkg", make_city(tmp_path / "toy"))
    project.add_scenario("S")
    stack = UndoStack()
    assert stack.next_undo is None and stack.next_redo is None
    a, b = AddStop("A", "", 0.0, 0.0), RemoveStop("X")
    stack.push(edit_command(project, "S", a))
    stack.push(edit_command(project, "S", b))
    assert stack.next_undo is not None and stack.next_undo.edit == b and stack.next_undo.scenario == "S"
    assert stack.next_redo is None
    stack.undo()
    assert stack.next_redo is not None and stack.next_redo.edit == b
    assert stack.next_undo is not None and stack.next_undo.edit == a
    stack.undo()
    assert stack.next_redo is not None and stack.next_redo.edit == a  # the next redo is the first edit
    assert stack.next_undo is None
    # a command that is not a scenario edit has none
    stack.push(Command("other", lambda: None, lambda: None))
    assert stack.next_undo is not None and stack.next_undo.edit is None
    project.close()


def test_a_renamed_scenario_is_undone_and_redone_under_its_new_name(tmp_path: Path) -> None:
    project = Project.new(tmp_path / "p.gpkg", make_city(tmp_path / "toy"))
    project.add_scenario("Draft")
    project.add_scenario("Other")
    stack = UndoStack()
    a, b, c = AddStop("A", "", 0.0, 0.0), MoveStop("Y", 1.0, 1.0), RemoveStop("Z")
    stack.push(edit_command(project, "Draft", a))
    stack.push(edit_command(project, "Draft", b))
    stack.push(edit_command(project, "Other", c))
    stack.undo()
    stack.undo()
    stack.push(edit_command(project, "Other", c))  # b is forgotten: a new branch
    stack.undo()  # c is to redo, a (in "Draft") to undo
    project.rename_scenario("Draft", "Final")
    stack.rename_scenario(project, "Draft", "Final")
    stack.undo()
    assert project.scenario("Final").edits == []
    stack.redo()
    assert project.scenario("Final").edits == [a]
    stack.redo()  # the command of another scenario keeps its own
    assert project.scenario("Other").edits == [c]
    assert [cmd.scenario for cmd in stack._done] == ["Final", "Other"]
    project.close()
