// zhtext/detail/entities/surnames.hpp - Chinese surnames, for reading bylines.
//
// A fact table written for the project: 288 common single-character surnames (the
// usual "most common surnames" rankings, with a few frequent in news bylines) and 37
// compound surnames, in code point order. Bylines use it twice: a bracketed name with
// no role word must start with a surname ("（田燕节）" is a credit, "（图片）" is not),
// and names run together after a role word ("记者张伟刘洋") are split where each part
// starts with one (see entity_words::add_names). Rare surnames that are common in given
// names (明, 全, 海, ...) are left out on purpose: they would make runs ambiguous.
#pragma once

#include <algorithm>
#include <string_view>

namespace zhtext::detail {

inline constexpr std::u32string_view single_surnames =
    U"丁万丛严乔于亓井仇付任伊伍何佘余佟侯俞修倪傅党兰关冀冉农冯冷凌刘勾包匡华卓单卜卞卢卫古史叶司吉向吕吴周和唐"
    U"商喻夏奚姚姜娄孔孙孟季宁安宋宗宫宿尉尚尤尹屈岑岳崔嵇左巩巫席常庄庞康廖张强彭徐慕成戚戴房扈揭文方施时易晋"
    U"晏景暴曲曹曾朱李杜杨林柏查柯柳柴栾桂桑梁梅楚樊檀欧武段殷毕毛江池汤汪沈沙洪浦涂温游湛滕潘焦熊燕牛牟牧玉王"
    U"琚甘田申白盛瞿石祁祖祝秦程穆窦章童竺符简管米綦纪缪罗翁翟耿聂肖胡臧舒艾芦苏苗苟范茅荣莫葛董蒋蒙蒲蓝蔚蔡蔺"
    U"薛袁裴褚覃解言詹许谈谌谢谭谷贝费贺贾赵路车辛边连逯邓邢邬邱邵邸邹郁郎郑郜郝郦郭都鄢金钟钱闫闵闻阎阚阮阳陆"
    U"陈陶隋雍雷霍靳鞠韦韩韶项顾颜饶马骆高魏鲁鲍麦黄黎齐龙龚";

/// Compound surnames, each two characters, in code point order.
inline constexpr std::u32string_view compound_surnames =
    U"万俟上官东方东郭令狐公冶公孙单于南宫司徒司空司马呼延夏侯太史宇文宗政尉迟左丘慕容拓跋欧阳淳于澹台濮阳独孤"
    U"申屠百里皇甫端木第五西门诸葛赫连钟离长孙闻人";

/// True if `c` is a common single-character surname.
inline bool is_single_surname(char32_t c) noexcept {
  return std::binary_search(single_surnames.begin(), single_surnames.end(), c);
}

/// True if `a` `b` is a compound surname (欧阳, 司马, ...).
inline bool is_compound_surname(char32_t a, char32_t b) noexcept {
  for (std::size_t i = 0; i + 1 < compound_surnames.size(); i += 2)
    if (compound_surnames[i] == a && compound_surnames[i + 1] == b) return true;
  return false;
}

}  // namespace zhtext::detail
