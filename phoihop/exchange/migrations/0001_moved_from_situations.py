"""Bulletin, Notification and NotificationPreference move here from situations.

State only: their tables (situations_bulletin, situations_bulletin_recipients,
situations_notification, situations_notificationpreference) were made by situations'
migrations 0001 and 0002 and keep their names (Meta.db_table), so no row moves.
situations.0010_hotspots_and_exchange_moved_out drops the models from that app's state.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('situations', '0009_backfill_caseevent_due_date'),
        ('organizations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Django's state gains the models; the database already has their tables.
            state_operations=[
                migrations.CreateModel(
                    name='Bulletin',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=250, verbose_name='tiêu đề')),
                        ('body', models.TextField(verbose_name='nội dung')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('committee', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bulletins', to='organizations.committee')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('recipients', models.ManyToManyField(blank=True, related_name='bulletins_received', to='organizations.organization', verbose_name='gửi tới (để trống: cả Ban Chỉ đạo)')),
                        ('sender', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='đơn vị gửi')),
                    ],
                    options={
                        'verbose_name': 'bản tin trao đổi',
                        'verbose_name_plural': 'bản tin trao đổi',
                        'db_table': 'situations_bulletin',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('assigned', 'Được phân công'), ('due_soon', 'Sắp đến hạn'), ('overdue', 'Quá hạn'), ('reopened', 'Mở lại'), ('bulletin', 'Bản tin mới')], max_length=12)),
                        ('text', models.CharField(max_length=400)),
                        ('url', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('emailed_at', models.DateTimeField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'situations_notification',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='NotificationPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('digest', models.CharField(choices=[('immediate', 'Gửi ngay từng thông báo'), ('daily', 'Gộp một thư mỗi ngày'), ('none', 'Không gửi thư, chỉ xem trong hệ thống')], default='immediate', max_length=10, verbose_name='nhận thư thông báo')),
                        ('last_visit_at', models.DateTimeField(blank=True, null=True, verbose_name='lần xem gần nhất')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preference', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'situations_notificationpreference',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
