"""The help screen: how drafting works, and every key of the screen it was opened from."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from drafter.textnorm import has_cjk
from drafter.tui.guard import Guarded

GUIDE = """\
[b]怎样起草[/b]
1. 左侧大纲列出报告信息和各部分、各条目；用 ↑↓ 移动，回车开始编辑。标记：
   ✓ 完成　~ 进行中（有占位符或句子没写完）　- 空　! 检查发现问题
   大纲里是简称，光标所在条目的全称显示在大纲下方。
2. 编辑区上方是本部分的要求（依《法治政府建设与责任落实督察工作规定》），
   F6 展开全文；下面是小标题和正文。Tab 在各栏之间移动，在大纲或列表里
   直接打字，文字会进入正文。
3. 一边输入，建议栏一边列出真实报告里的说法，下方注明几篇报告用过、来自哪里。
   Ctrl+↑/↓ 选择，Ctrl+T 插入（带占位符的模板），Ctrl+R 插入原文。
   在小标题栏里，建议栏列出这一部分常用的小标题。
4. 插入后 {年度}、{单位} 按报告信息自动填好，第一处占位符（如 {数量}）反色选中，
   直接输入即替换；Ctrl+L 到下一处，填完最后一处再按 Ctrl+L 或回车，光标到句末。
   Ctrl+Home / Ctrl+End 到正文开头 / 末尾。
5. F3 预览整篇报告，F4 查看检查结果，回车跳到问题所在位置。F5 纲要覆盖：主要举措在
   纲要各任务分项上写了多少，与语料中的报告对照，一眼看出哪一项写少了。
6. Ctrl+S 保存草稿；输入随时自动保存（意外退出最多丢失约 2 秒的输入），
   再次启动可以恢复。Ctrl+O 导出 .docx（公文格式）、.md 或 .txt。
7. 从去年的报告开始：开始页选“从去年的报告开始”（或 drafter open 去年的报告.docx），
   可作为今年的草稿导入，或以它为去年的报告开始新一年。
"""


class HelpScreen(Guarded, ModalScreen[None]):
    """A guide to the drafting screen plus a table of the screen's and the app's own keys
    (the editing keys of text fields are the usual ones and left out)."""

    BINDINGS = [
        Binding("escape,f1,q", "dismiss(None)", "关闭帮助"),
        Binding("question_mark", "dismiss(None)", show=False),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(Text.from_markup(GUIDE))
            yield Static(self._keys())
            yield Static("[dim]Esc 关闭　Ctrl+P 命令面板（可搜索所有命令）[/]")

    def _keys(self) -> Table:
        table = Table(title="按键", title_justify="left", box=None, show_header=False)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        seen: set[str] = set()
        for key, active in self.under.active_bindings.items():
            binding = active.binding
            ours = active.node is self.under or active.node is self.app
            # Textual's own (Tab's `Focus Next`) have English names: Tab is in the guide.
            if not ours or not has_cjk(binding.description) or binding.action in seen:
                continue
            seen.add(binding.action)
            table.add_row(self.app.get_key_display(binding) or key, binding.description)
        return table
