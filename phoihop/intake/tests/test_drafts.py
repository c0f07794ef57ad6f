"""Drafts from a read text: the lead is the organization the text says did the work,
partners those it says worked with it, the title a summary of the action."""

import pytest

from phoihop.intake import drafts
from phoihop.intake.extract import ExtractionContext, extract

NGHE_AN = ("Ngày 20/11/2024, Ban Dân vận Tỉnh ủy Nghệ An phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Hội "
           "Liên hiệp Phụ nữ tỉnh tổng kết 5 năm thực hiện chương trình phối hợp vận động đồng bào Công giáo, nhất "
           "là tại xã Thọ Thành.")


def _read(text, province):
    return extract(text, context=ExtractionContext(province=province)).to_json()


@pytest.mark.django_db
def test_the_lead_is_the_subject_of_the_action_and_partners_are_those_it_worked_with(nghe_an_tan_son):
    found = drafts.actors(NGHE_AN, _read(NGHE_AN, "Nghệ An"))
    assert found.lead["key"] == "ban dan van tinh uy nghe an"
    assert [p["key"] for p in found.partners] == ["bo doi bien phong tinh nghe an", "hoi lien hiep phu nu tinh nghe an"]


@pytest.mark.django_db
def test_organizations_listed_before_the_verb_share_the_work(load):
    load("tinhlongan")
    text = ("Ngày 17/5/2022, Bộ Tư lệnh TP Hồ Chí Minh, Bộ Chỉ huy Quân sự tỉnh Long An và UBND huyện Đức Huệ "
            "phối hợp khởi công xây dựng 80 căn nhà tại huyện Đức Huệ.")
    found = drafts.actors(text, _read(text, "Long An"))
    assert found.lead["name"].startswith("Bộ Tư lệnh TP Hồ Chí Minh")
    assert {p["key"] for p in found.partners} == {"bo chi huy quan su tinh long an", "uy ban nhan dan huyen duc hue"}


@pytest.mark.django_db
def test_an_organization_named_before_the_subject_is_not_the_lead(hanam):
    text = ("Theo Ủy ban MTTQ Việt Nam tỉnh, năm 2024 Hội Nông dân tỉnh đã tổ chức 28 lớp tập huấn cho hội viên "
            "tại xã Thanh Hải.")
    found = drafts.actors(text, _read(text, "Hà Nam"))
    assert found.lead["key"] == "hoi nong dan tinh ha nam"


@pytest.mark.django_db
def test_the_title_sums_up_the_action_and_its_place_instead_of_cutting_the_first_sentence(hanam):
    text = ("Ngày 12/3/2024, Ban Dân vận Tỉnh ủy phối hợp với Hội Nông dân tỉnh tuyên truyền pháp luật về đất đai "
            "cho 300 hộ dân ở xã Thanh Hải, huyện Thanh Liêm, nhằm giảm khiếu nại.")
    assert drafts.title(text, _read(text, "Hà Nam")) == (
        "Tuyên truyền pháp luật về đất đai cho 300 hộ dân ở xã Thanh Hải")


def test_a_headline_line_is_the_title_as_it_stands():
    text = "Nghệ An: phối hợp vận động đồng bào có đạo\n\nNgày 20/11/2024, Ban Dân vận Tỉnh ủy Nghệ An tổng kết."
    assert drafts.title(text, {"spans": []}) == "Nghệ An: phối hợp vận động đồng bào có đạo"


@pytest.mark.django_db
def test_the_draft_form_takes_the_lead_the_text_names_not_the_users_own_organization(hanam, program, client_for):
    from django.urls import reverse

    from phoihop.intake import services

    text = ("Ngày 12/6/2020, Bộ Chỉ huy Quân sự tỉnh phối hợp với Ban Dân vận Tỉnh ủy tổ chức tuyên truyền pháp luật "
            "về đất đai cho 300 hộ dân ở xã Thanh Hải, huyện Thanh Liêm.")
    document = services.intake_create(actor=hanam.secretariat, committee=hanam.committee, text=text)
    assert hanam.secretariat.organization_id == hanam.dan_van.pk  # the user's own body is a partner here
    response = client_for(hanam.secretariat).get(reverse("intake:document", args=[document.pk]))
    initial = response.context["activity_form"].initial
    assert initial["lead"] == hanam.military.pk
    assert initial["partners"] == [hanam.dan_van.pk]
    assert initial["title"] == "Tuyên truyền pháp luật về đất đai cho 300 hộ dân ở xã Thanh Hải"


@pytest.mark.django_db
def test_a_partner_followed_by_its_city_and_a_city_written_with_a_dot(load):
    load("tinhbariavungtau")
    text = ("Tối ngày 2/2/2021, Công an TP. Vũng Tàu phối hợp với BCĐ 138 phường 10, TP. Vũng Tàu tổ chức tuyên "
            "truyền phòng chống tội phạm, phòng chống COVID-19 cho hơn 120 người trên địa bàn phường.")
    extraction = _read(text, "Bà Rịa - Vũng Tàu")
    found = drafts.actors(text, extraction)
    assert found.lead["key"] == "cong an thanh pho vung tau"
    assert [p["key"] for p in found.partners] == ["ban chi dao 138 phuong 10"]
    assert drafts.title(text, extraction) == "Tuyên truyền phòng chống tội phạm tại phường 10"


@pytest.mark.django_db
def test_a_delegation_led_by_someone_and_a_party_committee_of_a_command_lead_the_work(load):
    load("tinhgialai", "tinhnghean")
    text = ("Nhân dịp lễ Giáng sinh, chiều 23-12-2022, Đoàn cán bộ Hội Chữ thập đỏ tỉnh Gia Lai do ông Nguyễn Chí "
            "Cẩn - Phó Chủ tịch Hội làm trưởng đoàn đã đến thăm, chúc mừng Giáng sinh một số cơ sở tôn giáo trên địa "
            "bàn TP. Pleiku.")
    extraction = _read(text, "Gia Lai")
    assert drafts.actors(text, extraction).lead["key"] == "hoi chu thap do tinh gia lai"
    assert drafts.title(text, extraction) == (
        "Thăm, chúc mừng Giáng sinh một số cơ sở tôn giáo trên địa bàn TP. Pleiku")
    text = ("Chiều 9/10/2025, Đảng ủy Ban Chỉ huy phòng thủ khu vực 1 - Vạn An (Ban CHPTKV) tổ chức hội nghị ký kết "
            "Quy chế phối hợp với Đảng ủy các xã, phường trên địa bàn.")
    found = drafts.actors(text, _read(text, "Nghệ An"))
    assert found.lead["key"] == "dang uy ban chi huy phong thu khu vuc 1 van an"
