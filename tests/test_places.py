"""Tests for reading a 地址 into city, district, detail and problems."""

from __future__ import annotations


import pytest

from leadcheck.checks.places import Address, parse_address
from leadcheck.values import normalize_text

MISSING_CITY = "缺少城市"
MISSING_UNIT = "缺少区县或乡镇街道"
MISSING_DISTRICT = "缺少区县"
MISSING_TOWN = "缺少乡镇街道"
MISSING_DETAIL = "缺少街道、门牌等详细地址"

# (address, city, district, has_detail, problems)
CASES = [
    # Golden-file addresses.
    ("浙江省杭州市西湖区文三路100号", "杭州市", "西湖区", True, ()),
    ("文三路", None, None, True, (MISSING_CITY, MISSING_UNIT)),
    # Without province, short city names.
    ("杭州市西湖区文三路478号华星时代广场A座", "杭州市", "西湖区", True, ()),
    ("杭州西湖区古墩路88号", "杭州市", "西湖区", True, ()),
    ("吉林长春南关区人民大街88号", "长春市", "南关区", True, ()),
    # Districts whose name several cities share.
    ("江西省南昌市西湖区抚河北路291号", "南昌市", "西湖区", True, ()),
    ("江苏省南京市鼓楼区中山北路30号", "南京市", "鼓楼区", True, ()),
    ("福州市鼓楼区五四路158号环球广场", "福州市", "鼓楼区", True, ()),
    ("徐州市鼓楼区中山北路216号", "徐州市", "鼓楼区", True, ()),
    ("河南省开封市鼓楼区中山路中段52号", "开封市", "鼓楼区", True, ()),
    ("吉林省长春市朝阳区人民大街3600号", "长春市", "朝阳区", True, ()),
    ("宁波市江北区人民路132号", "宁波市", "江北区", True, ()),
    # Municipalities.
    ("北京市朝阳区建国路88号SOHO现代城", "北京市", "朝阳区", True, ()),
    ("北京海淀区学院路30号", "北京市", "海淀区", True, ()),
    ("上海市浦东新区世纪大道100号", "上海市", "浦东新区", True, ()),
    ("天津市滨海新区第二大街57号", "天津市", "滨海新区", True, ()),
    ("重庆市渝中区解放碑民族路188号", "重庆市", "渝中区", True, ()),
    ("重庆市巫山县广东中路8号", "重庆市", "巫山县", True, ()),
    ("上海市上海市黄浦区南京东路1号", "上海市", "黄浦区", True, ()),
    # County-level cities, with and without their prefecture.
    ("江苏省苏州市昆山市前进西路168号", "苏州市", "昆山市", True, ()),
    ("江苏省昆山市玉山镇前进东路101号", "苏州市", "昆山市", True, ()),
    ("浙江省义乌市稠城街道工人北路1号", "金华市", "义乌市", True, ()),
    # Cities without districts: a town or street stands in for the district.
    ("广东省东莞市南城街道鸿福路106号", "东莞市", "南城街道", True, ()),
    ("东莞市长安镇振安中路368号", "东莞市", "长安镇", True, ()),
    ("东莞市东城区东纵大道1号", "东莞市", "东城街道", True, ()),
    ("中山市石岐街道孙文中路1号", "中山市", "石岐街道", True, ()),
    ("海南省儋州市那大镇人民中路12号", "儋州市", "那大镇", True, ()),
    ("湖北省仙桃市干河街道仙桃大道18号", "仙桃市", "干河街道", True, ()),
    ("甘肃省嘉峪关市新华中路18号", "嘉峪关市", None, True, (MISSING_TOWN,)),
    ("东莞市鸿福路106号", "东莞市", None, True, (MISSING_TOWN,)),
    # Autonomous prefectures, leagues and 地区.
    ("湖北省恩施土家族苗族自治州恩施市航空大道88号", "恩施土家族苗族自治州", "恩施市", True, ()),
    ("恩施州利川市都亭街道清江大道20号", "恩施土家族苗族自治州", "利川市", True, ()),
    ("青海省海南州共和县环城西路1号", "海南藏族自治州", "共和县", True, ()),
    ("内蒙古自治区锡林郭勒盟锡林浩特市那达慕大街6号", "锡林郭勒盟", "锡林浩特市", True, ()),
    ("新疆阿克苏地区阿克苏市西大街9号", "阿克苏地区", "阿克苏市", True, ()),
    ("广西桂林市秀峰区中山中路28号", "桂林市", "秀峰区", True, ()),
    # Cities named like a province or like another city's district.
    ("吉林省吉林市船营区解放北路1号", "吉林市", "船营区", True, ()),
    ("吉林市船营区解放北路1号", "吉林市", "船营区", True, ()),
    ("辽宁省朝阳市双塔区新华路二段8号", "朝阳市", "双塔区", True, ()),
    # A district that does not belong to the city.
    ("杭州市鼓楼区中山北路1号", "杭州市", None, True, ("中的“鼓楼区”不属于杭州市",)),
    ("南京市西湖区文三路10号", "南京市", None, True, ("中的“西湖区”不属于南京市",)),
    ("北京市浦东新区世纪大道1号", "北京市", None, True, ("中的“浦东新区”不属于北京市",)),
    ("苏州市义乌市稠州北路1号", "苏州市", None, True, ("中的“义乌市”不属于苏州市",)),
    ("浙江省南京市鼓楼区中山北路1号", "南京市", "鼓楼区", True, ("中的“南京市”不属于浙江省",)),
    # Missing city: a district alone does not name it, unless the province decides it.
    ("西湖区文三路100号", None, "西湖区", True, (MISSING_CITY,)),
    ("海淀区中关村大街27号", None, "海淀区", True, (MISSING_CITY,)),
    ("浙江省西湖区文三路100号", "杭州市", "西湖区", True, ()),
    ("浙江省文三路100号", None, None, True, (MISSING_CITY, MISSING_UNIT)),
    # Missing district.
    ("杭州市文三路100号", "杭州市", None, True, (MISSING_DISTRICT,)),
    ("北京市建国路88号", "北京市", None, True, (MISSING_DISTRICT,)),
    ("中山路1号", None, None, True, (MISSING_CITY, MISSING_UNIT)),
    # Missing street-level detail: a 街道 is an administrative street, not a street.
    ("浙江省杭州市西湖区", "杭州市", "西湖区", False, (MISSING_DETAIL,)),
    ("杭州市西湖区转塘街道", "杭州市", "西湖区", False, (MISSING_DETAIL,)),
    ("广州市天河区某某单位", "广州市", "天河区", False, (MISSING_DETAIL,)),
    ("", None, None, False, (MISSING_CITY, MISSING_UNIT, MISSING_DETAIL)),
    # Development zones stand for the district.
    ("成都市高新区天府大道中段1268号", "成都市", "高新区", True, ()),
    ("郑州市郑东新区商务外环路20号", "郑州市", "郑东新区", True, ()),
    ("长沙市经开区东六路1号", "长沙市", "经开区", True, ()),
    ("苏州工业园区星湖街328号", "苏州市", "苏州工业园区", True, ()),
    ("广东省中山市火炬开发区康乐大道47号", "中山市", "火炬开发区", True, ()),
    # Rural addresses: a 村 is street-level detail.
    ("杭州市余杭区径山镇小古城村", "杭州市", "余杭区", True, ()),
    ("河北省石家庄市正定县塔元庄村", "石家庄市", "正定县", True, ()),
    # Spaces, a country prefix and leading noise.
    ("浙江省 杭州市 西湖区 文三路 100 号", "杭州市", "西湖区", True, ()),
    ("中国浙江省杭州市滨江区网商路699号", "杭州市", "滨江区", True, ()),
    ("地址:杭州市西湖区文三路1号", "杭州市", "西湖区", True, ()),
]

# Full-width forms as typed; the rules layer passes them through NFKC first.
FULL_WIDTH_CASES = [
    ("浙江省杭州市西湖区文三路１００号", "杭州市", "西湖区"),
    ("杭州市\u3000西湖区\u3000文三路100号", "杭州市", "西湖区"),
    ("ＢＥＩＪＩＮＧ北京市朝阳区建国路８８号", "北京市", "朝阳区"),
]


@pytest.mark.parametrize(("text", "city", "district", "has_detail", "problems"), CASES)
def test_address_fields(text, city, district, has_detail, problems):
    address = parse_address(text)
    assert address.text == text
    assert address.city == city
    assert address.district == district
    assert address.has_detail is has_detail
    assert address.problems == problems


@pytest.mark.parametrize(("text", "city", "district"), FULL_WIDTH_CASES)
def test_full_width_address(text, city, district):
    address = parse_address(normalize_text(text))
    assert address.city == city
    assert address.district == district
    assert address.has_detail is True
    assert address.problems == ()


def test_province_filled_from_city():
    assert parse_address("杭州市西湖区文三路100号").province == "浙江省"
    assert parse_address("北京市朝阳区建国路88号").province == "北京市"
    assert parse_address("文三路").province is None


def test_problem_reads_inside_message():
    reason = "，".join(parse_address("杭州市鼓楼区").problems)
    message = f"地址“杭州市鼓楼区”{reason}：请写明城市、区县和街道门牌"
    assert message == "地址“杭州市鼓楼区”中的“鼓楼区”不属于杭州市，缺少街道、门牌等详细地址：请写明城市、区县和街道门牌"


@pytest.mark.parametrize(
    "text", ["\x00", "\ud800", "市", "区", "杭州" * 5000, "🙂北京市", "北京市" + "\u0301" * 10, "1234567890"]
)
def test_odd_text_does_not_raise(text):
    address = parse_address(text)
    assert isinstance(address, Address)
    assert isinstance(address.problems, tuple)


def test_address_is_frozen():
    address = parse_address("杭州市西湖区文三路100号")
    with pytest.raises(AttributeError):
        address.city = "南京市"
