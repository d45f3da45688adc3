"""Web-page furniture: what a report copied from a government site carries besides the report.

Breadcrumbs, metadata tables (索引号, 发布机构 …), font-size links, 编辑/信息来源,
site footers. Both the parser (to find the signature) and the classifier (`noise`)
need to recognise it.
"""

from __future__ import annotations

import re

_LABELS = (
    "索引号|发文字号|文号|发布机构|发文机关|发文单位|主题分类|主题词|主题|公开方式|组配分类|成文时间|"
    "成文日期|发文时间|发文日期|发布日期|发布时间|公文时效|有效性|时效|名称|标题|体裁分类|信息分类|"
    "公开范围|公开时限|公开形式|字体大小|字号|分享到|编辑|责任编辑|信息来源|来源|浏览次数|访问量|"
    "点击数|作者|审核|校对|所属机构|所属主题|生成日期|有效期|废止日期|信息名称"
)
_LABEL_LINE = re.compile(rf"^({_LABELS})\s*[:：]")
LABEL_ONLY = re.compile(rf"^({_LABELS})\s*[:：]\s*$")
_FURNITURE = re.compile(
    r"^(当前位置|您当前的位置|您现在的位置|现在的位置|首页\s*[>＞]|[>＞]|发布于|【|打印|关闭|"
    r"扫一扫|分享|无障碍|长者模式|上一篇|下一篇|相关链接|附件[:：]?\s*$)"
    r"|字体\s*[:：]?\s*[【\[]?\s*[大中小]|简体\s*\|\s*繁体|星期[一二三四五六日天]\s*$"
    r"|^(主办|承办|协办|技术支持|联系我们|网站地图|网站标识码|Copyright)\s*[:：]?"
    r"|版权所有|ICP备|公网安备|©"
)


def is_furniture(text: str) -> bool:
    """Web-page furniture: breadcrumbs, metadata tables, font-size links, 编辑/来源."""
    return bool(_LABEL_LINE.match(text) or _FURNITURE.search(text) or text.count(">") >= 2)


_LINK_BLOCK = re.compile(r"^(相关链接|相关文章|相关阅读|相关新闻|相关稿件|推荐阅读)\s*[:：]?\s*$")


def is_link_block(text: str) -> bool:
    """`相关链接：` on its own line starts the list of other pages under a report."""
    return _LINK_BLOCK.match(text) is not None
