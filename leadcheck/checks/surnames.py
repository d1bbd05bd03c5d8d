"""Chinese surnames, single and compound, for telling a surname from a given name.

Source: the text of 百家姓 (Hundred Family Surnames, a Northern Song primer) as commonly
printed, typed here in simplified characters in the order of the text: 436 single and
64 compound surnames. After it come surnames that are common today but absent from that
text or written there in another form (肖 for 萧, 付 for 傅, 覃, 邝, 冼, …).

The text writes some pairs of single surnames as one four-character group (仉督, 晋楚,
闫法), and those are split into single surnames. Compound surnames are listed separately
because a name such as 欧阳明 must be read as 欧阳 + 明, not 欧 + 阳明.

The list is not complete. A rare surname missing here makes "X主任" read as a title
without a surname, which the placeholder check still reports.
"""

from __future__ import annotations

# 百家姓 single surnames, in the order of the text, four to a group.
_BAIJIAXING_SINGLE = (
    "赵钱孙李 周吴郑王 冯陈褚卫 蒋沈韩杨 朱秦尤许 何吕施张 孔曹严华 金魏陶姜 "
    "戚谢邹喻 柏水窦章 云苏潘葛 奚范彭郎 鲁韦昌马 苗凤花方 俞任袁柳 酆鲍史唐 "
    "费廉岑薛 雷贺倪汤 滕殷罗毕 郝邬安常 乐于时傅 皮卞齐康 伍余元卜 顾孟平黄 "
    "和穆萧尹 姚邵湛汪 祁毛禹狄 米贝明臧 计伏成戴 谈宋茅庞 熊纪舒屈 项祝董梁 "
    "杜阮蓝闵 席季麻强 贾路娄危 江童颜郭 梅盛林刁 钟徐邱骆 高夏蔡田 樊胡凌霍 "
    "虞万支柯 昝管卢莫 经房裘缪 干解应宗 丁宣贲邓 郁单杭洪 包诸左石 崔吉钮龚 "
    "程嵇邢滑 裴陆荣翁 荀羊於惠 甄曲家封 芮羿储靳 汲邴糜松 井段富巫 乌焦巴弓 "
    "牧隗山谷 车侯宓蓬 全郗班仰 秋仲伊宫 宁仇栾暴 甘钭厉戎 祖武符刘 景詹束龙 "
    "叶幸司韶 郜黎蓟薄 印宿白怀 蒲邰从鄂 索咸籍赖 卓蔺屠蒙 池乔阴鬱 胥能苍双 "
    "闻莘党翟 谭贡劳逄 姬申扶堵 冉宰郦雍 卻璩桑桂 濮牛寿通 边扈燕冀 郏浦尚农 "
    "温别庄晏 柴瞿阎充 慕连茹习 宦艾鱼容 向古易慎 戈廖庾终 暨居衡步 都耿满弘 "
    "匡国文寇 广禄阙东 欧殳沃利 蔚越夔隆 师巩厍聂 晁勾敖融 冷訾辛阚 那简饶空 "
    "曾毋沙乜 养鞠须丰 巢关蒯相 查后荆红 游竺权逯 盖益桓公 "
    # Single surnames inside the compound part of the text.
    "仉督 晋楚 闫法 汝鄢 涂钦 岳帅 缑亢 况郈 佘佴 墨哈 谯笪 年爱 阳佟 言福"
)

# 百家姓 compound surnames, in the order of the text.
_BAIJIAXING_COMPOUND = (
    "万俟 司马 上官 欧阳 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 "
    "濮阳 淳于 单于 太叔 申屠 公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 "
    "司徒 司空 亓官 司寇 子车 颛孙 端木 巫马 公西 漆雕 乐正 壤驷 公良 拓跋 夹谷 "
    "宰父 谷梁 段干 百里 东郭 南门 呼延 归海 羊舌 微生 有琴 梁丘 左丘 东门 西门 "
    "商牟 伯赏 南宫 第五"
)

# Common modern surnames missing from the text above, or written there in another form.
_MODERN_SINGLE = "肖付覃邝冼谌粟兰麦练揭邸丘綦仝才代由布战种区官银展操库母芦户要苟门"

SINGLE_SURNAMES: frozenset[str] = frozenset(
    character for character in _BAIJIAXING_SINGLE + _MODERN_SINGLE if not character.isspace()
)

COMPOUND_SURNAMES: frozenset[str] = frozenset(_BAIJIAXING_COMPOUND.split())


def surname_length(name: str) -> int:
    """Return the length of the surname that ``name`` starts with: 2, 1, or 0 for none.

    A compound surname wins over its first character (欧阳明 → 2). The function does not
    check that anything follows the surname.
    """
    if name[:2] in COMPOUND_SURNAMES:
        return 2
    if name[:1] in SINGLE_SURNAMES:
        return 1
    return 0
