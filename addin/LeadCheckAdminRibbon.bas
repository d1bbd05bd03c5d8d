Attribute VB_Name = "LeadCheckAdminRibbon"
' Ribbon callbacks of the leadcheck workbook. Each hands over to the Python
' command of the same purpose through xlwings RunPython; all messages the user
' sees come from Python, so this module stays ASCII-only.
Option Explicit

Sub LeadCheckAdmin_ValidateSheet(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.validate_sheet()"
End Sub

Sub LeadCheckAdmin_ClearFlags(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.clear_flags()"
End Sub

Sub LeadCheckAdmin_QuotaSummary(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.quota_summary()"
End Sub

Sub LeadCheckAdmin_MergeWorkbooks(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.merge_workbooks()"
End Sub

Sub LeadCheckAdmin_NewLeadSheet(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.new_lead_sheet()"
End Sub

Sub LeadCheckAdmin_CheckEnvironment(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.check_environment()"
End Sub

Sub LeadCheckAdmin_ShowHelp(control As IRibbonControl)
    RunPython "import leadcheck.commands.ribbon as ribbon; ribbon.show_help()"
End Sub
