"""Hotspots and the exchange leave situations for their own apps; their tables stay.

State only: hotspots.0001 and exchange.0001 took the models over with the same tables,
so nothing is dropped. Reversible: unapplying gives situations its models back.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('hotspots', '0001_moved_from_situations'),
        ('exchange', '0001_moved_from_situations'),
        ('situations', '0009_backfill_caseevent_due_date'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Only Django's state forgets the models: the tables now belong to hotspots and exchange.
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalhotspot',
                    name='committee',
                ),
                migrations.RemoveField(
                    model_name='historicalhotspot',
                    name='designated_by',
                ),
                migrations.RemoveField(
                    model_name='historicalhotspot',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalhotspot',
                    name='lifted_by',
                ),
                migrations.RemoveField(
                    model_name='historicalhotspot',
                    name='locality',
                ),
                migrations.RemoveField(
                    model_name='historicalhotspot_responses',
                    name='history',
                ),
                migrations.RemoveField(
                    model_name='historicalhotspot_responses',
                    name='activity',
                ),
                migrations.RemoveField(
                    model_name='historicalhotspot_responses',
                    name='hotspot',
                ),
                migrations.RemoveField(
                    model_name='hotspot',
                    name='committee',
                ),
                migrations.RemoveField(
                    model_name='hotspot',
                    name='designated_by',
                ),
                migrations.RemoveField(
                    model_name='hotspot',
                    name='lifted_by',
                ),
                migrations.RemoveField(
                    model_name='hotspot',
                    name='locality',
                ),
                migrations.RemoveField(
                    model_name='hotspot',
                    name='responses',
                ),
                migrations.RemoveField(
                    model_name='notification',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='notificationpreference',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='Bulletin',
                ),
                migrations.DeleteModel(
                    name='HistoricalHotspot',
                ),
                migrations.DeleteModel(
                    name='HistoricalHotspot_responses',
                ),
                migrations.DeleteModel(
                    name='Hotspot',
                ),
                migrations.DeleteModel(
                    name='Notification',
                ),
                migrations.DeleteModel(
                    name='NotificationPreference',
                ),
            ],
            database_operations=[],
        ),
    ]
