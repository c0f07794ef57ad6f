"""Fill the case-state rollup from the timelines recorded before it existed."""

from django.db import migrations

from phoihop.situations.rollup import case_states_rebuild


def forwards(apps, schema_editor):
    case_states_rebuild(
        event_model=apps.get_model("situations", "CaseEvent"),
        state_model=apps.get_model("situations", "CaseState"),
    )


class Migration(migrations.Migration):
    dependencies = [("situations", "0011_case_state")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
