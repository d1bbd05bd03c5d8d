Attribute VB_Name = "LeadCheckRibbon"
' Ribbon callbacks of the leadcheck workbook. Each hands over to the Python
' command of the same purpose through xlwings RunPython; all messages the user
' sees come from Python, so this module stays ASCII-only.
Option Explicit

Sub LeadCheck_ValidateSheet(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.validate_sheet()"
End Sub

Sub LeadCheck_ClearFlags(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.clear_flags()"
End Sub

Sub LeadCheck_QuotaSummary(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.quota_summary()"
End Sub

Sub LeadCheck_MergeWorkbooks(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.merge_workbooks()"
End Sub

Sub LeadCheck_CheckEnvironment(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.check_environment()"
End Sub

Sub LeadCheck_ShowHelp(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.show_help()"
End Sub
