"""Hotspot (and its history) moves here from situations; its tables stay where they are.

State only: the tables situations_hotspot, situations_hotspot_responses,
situations_historicalhotspot and situations_historicalhotspot_responses were made by
situations.0001_initial and keep their names (Meta.db_table), so no row moves.
situations.0010_hotspots_and_exchange_moved_out drops the models from that app's state.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('situations', '0009_backfill_caseevent_due_date'),
        ('activities', '0008_attachment_soft_delete_with_history'),
        ('localities', '0001_initial'),
        ('organizations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Django's state gains the models; the database already has their tables.
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalHotspot',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('designated_on', models.DateField(verbose_name='ngày xác định')),
                        ('reason', models.TextField(verbose_name='lý do')),
                        ('score_at_decision', models.DecimalField(decimal_places=2, default=0, max_digits=10, verbose_name='điểm khi quyết định')),
                        ('lifted_on', models.DateField(blank=True, null=True, verbose_name='ngày đưa ra khỏi danh sách')),
                        ('lift_reason', models.TextField(blank=True, verbose_name='lý do đưa ra')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('committee', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organizations.committee')),
                        ('designated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('lifted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('locality', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='localities.locality', verbose_name='địa bàn')),
                    ],
                    options={
                        'verbose_name': 'historical địa bàn trọng điểm',
                        'verbose_name_plural': 'historical địa bàn trọng điểm',
                        'db_table': 'situations_historicalhotspot',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Hotspot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('designated_on', models.DateField(verbose_name='ngày xác định')),
                        ('reason', models.TextField(verbose_name='lý do')),
                        ('score_at_decision', models.DecimalField(decimal_places=2, default=0, max_digits=10, verbose_name='điểm khi quyết định')),
                        ('lifted_on', models.DateField(blank=True, null=True, verbose_name='ngày đưa ra khỏi danh sách')),
                        ('lift_reason', models.TextField(blank=True, verbose_name='lý do đưa ra')),
                        ('committee', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='hotspots', to='organizations.committee')),
                        ('designated_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('lifted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('locality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='hotspots', to='localities.locality', verbose_name='địa bàn')),
                        ('responses', models.ManyToManyField(blank=True, related_name='hotspots', to='activities.activity', verbose_name='hoạt động ứng phó')),
                    ],
                    options={
                        'verbose_name': 'địa bàn trọng điểm',
                        'verbose_name_plural': 'địa bàn trọng điểm',
                        'db_table': 'situations_hotspot',
                        'ordering': ['-designated_on'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalHotspot_responses',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('activity', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='activities.activity')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='hotspots.historicalhotspot')),
                        ('hotspot', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='hotspots.hotspot')),
                    ],
                    options={
                        'verbose_name': 'HistoricalHotspot_responses',
                        'db_table': 'situations_historicalhotspot_responses',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
            database_operations=[],
        ),
    ]
