"""Place words that prefix Chinese unit names, and well-known unit abbreviations.

Unit names start with where the unit sits (``浙江省杭州市西湖区…``), and reps write that
prefix in full, shortened (``杭州…``) or not at all. These lists let ``names`` remove it.

Short city names are stripped without their 市 only when they are listed here. The list
leaves out city names that are common trade names (中山, 黄山, 大同, 吉林), because
``中山大学`` is a university, not "a 大学 in 中山". District and county names are never
listed: they are stripped only in their full form (``西湖区``), because short forms such as
东海 or 光明 are trade names as often as places.
"""

from __future__ import annotations

# Provinces, autonomous regions and special administrative regions, as written with their
# level word. A short form (浙江) is stripped only when a city follows it.
PROVINCES = (
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省",
    "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区",
    "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
)

# Short province names, longest first so that 黑龙江 wins over a shorter match.
PROVINCE_SHORT_NAMES = (
    "黑龙江", "内蒙古", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃",
    "青海", "台湾", "广西", "西藏", "宁夏", "新疆",
)

# Municipalities, provincial capitals and large prefecture-level cities, without 市.
CITY_SHORT_NAMES = (
    "北京", "上海", "天津", "重庆", "石家庄", "唐山", "保定", "邯郸", "廊坊", "太原", "沈阳",
    "大连", "鞍山", "长春", "哈尔滨", "大庆", "南京", "苏州", "无锡", "常州", "南通", "徐州",
    "扬州", "镇江", "盐城", "泰州", "连云港", "淮安", "宿迁", "杭州", "宁波", "温州", "嘉兴",
    "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水", "合肥", "芜湖", "蚌埠", "福州",
    "厦门", "泉州", "漳州", "莆田", "南昌", "赣州", "九江", "济南", "青岛", "烟台", "潍坊",
    "淄博", "济宁", "临沂", "威海", "郑州", "洛阳", "开封", "新乡", "南阳", "武汉", "宜昌",
    "襄阳", "长沙", "株洲", "湘潭", "衡阳", "岳阳", "广州", "深圳", "珠海", "佛山", "东莞",
    "惠州", "汕头", "江门", "湛江", "海口", "三亚", "成都", "绵阳", "德阳", "宜宾", "南充",
    "贵阳", "遵义", "昆明", "西安", "宝鸡", "咸阳", "兰州", "西宁", "南宁", "柳州", "桂林",
    "拉萨", "银川", "乌鲁木齐", "呼和浩特", "包头",
)

# Well-known abbreviations that share too few characters with the registered name for any
# similarity score to pair them. Keys and values are compared after NFKC.
UNIT_ALIASES = {
    "中建一局": "中国建筑第一工程局有限公司",
    "中建二局": "中国建筑第二工程局有限公司",
    "中建三局": "中国建筑第三工程局有限公司",
    "中建四局": "中国建筑第四工程局有限公司",
    "中建五局": "中国建筑第五工程局有限公司",
    "中建六局": "中国建筑第六工程局有限公司",
    "中建七局": "中国建筑第七工程局有限公司",
    "中建八局": "中国建筑第八工程局有限公司",
    "中铁一局": "中铁一局集团有限公司",
    "中铁二局": "中铁二局集团有限公司",
    "中铁三局": "中铁三局集团有限公司",
    "中铁四局": "中铁四局集团有限公司",
    "中铁五局": "中铁五局集团有限公司",
    "中建院": "中国建筑设计研究院有限公司",
    "华东院": "华东建筑设计研究院有限公司",
    "西南院": "中国建筑西南设计研究院有限公司",
    "西北院": "中国建筑西北设计研究院有限公司",
    "中南院": "中南建筑设计院股份有限公司",
    "北京院": "北京市建筑设计研究院有限公司",
    "上海院": "上海建筑设计研究院有限公司",
    "同济院": "同济大学建筑设计研究院(集团)有限公司",
}
